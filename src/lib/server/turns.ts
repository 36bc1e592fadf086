// Work that takes turns with live scoring: one piece at a time, each after a turn of the event
// loop, so the ticks waiting since the last piece go first. A burst of requests that each cost
// milliseconds of the one core (public page renders, documents' gathering) would otherwise hold
// the loop for as long as all of them together.

export class Turns {
	private last: Promise<void> = Promise.resolve();

	/** Runs `work` when its turn comes; the next turn starts once `work`'s promise settles. */
	async run<T>(work: () => Promise<T>): Promise<T> {
		const before = this.last;
		let release!: () => void;
		this.last = new Promise((resolve) => (release = resolve));
		try {
			await before;
			await new Promise((resolve) => setImmediate(resolve));
			return await work();
		} finally {
			release();
		}
	}
}
