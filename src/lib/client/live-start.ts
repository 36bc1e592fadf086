// How a live page starts its clients (Yjs, socket.io): after it has come to life, not with it.
// Evaluated and started with the page they made its start-up one long task in which a tap
// waited; here their modules load once the page is mounted, and each client starts in a task of
// its own, in the order given (the scorecard's card first: a tick needs it).

/** Resolves in a task of its own, after the current one (and its microtasks) has finished. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `step` until it returns false, starting in the next task, in tasks of at most `budgetMs`
 * of this device's own time each where the steps allow: a step at a time while the budget can
 * still hold one as long as the last, then the browser gets its turn (input, a frame). A fixed
 * count per task was 10–20 ms on a mid-range phone when the steps are large; measured against
 * the device's clock, a slower one does fewer per task. A step was started while any budget was
 * left: with the scorecard's criteria (3–8 ms each here), tasks of 12–18 ms, long tasks on
 * Lighthouse's phone. A single step longer than the budget still runs, alone in its task.
 * Returns `stop`: no step runs after it.
 */
export function inShortTasks(step: () => boolean, budgetMs: number): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const run = () => {
		const start = performance.now();
		let more: boolean;
		let now = start;
		let last: number;
		do {
			const before = now;
			more = step();
			now = performance.now();
			last = now - before;
		} while (more && now - start + last <= budgetMs);
		if (more) timer = setTimeout(run, 0);
	};
	timer = setTimeout(run, 0);
	return () => clearTimeout(timer);
}

/**
 * Loads the modules, then runs each step one task after the other. `failed` is called if the
 * modules cannot be loaded (a chunk that never arrived). Returns `stop`: after it, no further
 * step runs and no failure is reported (the page has gone).
 */
export function startLive<M>(
	load: () => Promise<M>,
	steps: ((modules: M) => void)[],
	failed: () => void
): () => void {
	let stopped = false;
	(async () => {
		// The load starts in a task of its own too: a dynamic import adds its chunks' preload
		// links to the document when called, and called from onMount that was in the hydration's
		// task (a tenth of it on the scorecard, on a phone).
		await nextTask();
		if (stopped) return;
		const modules = await load();
		for (const [i, step] of steps.entries()) {
			if (i > 0) await nextTask();
			if (stopped) return;
			step(modules);
		}
	})().catch(() => {
		if (!stopped) failed();
	});
	return () => {
		stopped = true;
	};
}
