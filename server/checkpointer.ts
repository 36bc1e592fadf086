import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { leaveCheckpointsToWorker } from '../src/lib/server/db/client';

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside whichever
 * commit crosses 1000 pages of log; under live scoring that is a commit every fraction of a
 * second, and the one that checkpoints stalls every tick behind it. The server's own connection
 * stops checkpointing and a worker thread does it every `everyMs` (WAL_CHECKPOINT_MS, 500 ms, so
 * each round copies little) instead, and restarts the log when commits come too often for it to
 * start over by itself (checkpoint-worker.js: it grew without end before). SvelteKit's bundle
 * has a connection of its own: the entry point tells it to stop too (app-services.ts
 * `walCheckpointer`), or its commits (a sign-in, a register number) would checkpoint for both.
 */
export function startCheckpointer(
	sqlite: Database,
	file: string,
	everyMs: number,
	/** Past this many pages of log a round also restarts it (checkpoint-worker.js); for tests. */
	restartAfterFrames?: number
): { stop(): Promise<void> } {
	if (file === ':memory:') return { stop: async () => undefined };
	leaveCheckpointsToWorker(sqlite);
	const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), {
		workerData: { file, everyMs, restartAfterFrames }
	});
	worker.on('message', (m: { error?: string }) => {
		if (m.error) console.error('WAL checkpoint failed:', m.error);
	});
	worker.on('error', (e) => console.error('WAL checkpointer stopped:', e));
	worker.unref();
	return {
		async stop() {
			const exited = new Promise((resolve) => worker.once('exit', resolve));
			worker.postMessage('stop');
			await exited;
			// The last connection to close checkpoints what is left.
		}
	};
}
