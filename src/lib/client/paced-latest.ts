// Sends the latest of a stream of values at most once per interval: the first at once, the
// rest folded into one send when the interval has passed (the last value wins), and nothing
// when the value is the one already sent. For presence, where only "where am I now" matters.

export interface PacedLatest<T> {
	/** The value now; sent at once, or at the end of the current interval. */
	set(value: T): void;
	/** Drops a pending send (the connection is being destroyed). */
	cancel(): void;
}

export function pacedLatest<T>(
	send: (value: T) => void,
	intervalMs: number,
	now: () => number = Date.now
): PacedLatest<T> {
	let sent: { value: T } | null = null;
	let wanted: T;
	let lastAt = -Infinity;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const flush = () => {
		timer = null;
		if (sent && Object.is(sent.value, wanted)) return;
		sent = { value: wanted };
		lastAt = now();
		send(wanted);
	};
	return {
		set(value) {
			wanted = value;
			if (timer) return;
			const wait = lastAt + intervalMs - now();
			if (wait <= 0) flush();
			else timer = setTimeout(flush, wait);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = null;
		}
	};
}
