import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** Often enough that the log stays small (a few hundred pages at a national load). */
const EVERY_MS = 500;

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside whichever
 * commit crosses 1000 pages of log; under live scoring that is a commit every fraction of a
 * second, and the one that checkpoints stalls every tick behind it. The server's own connection
 * stops checkpointing and a worker thread does it on a timer instead.
 */
export function startCheckpointer(sqlite: Database, file: string): { stop(): Promise<void> } {
	if (file === ':memory:') return { stop: async () => undefined };
	sqlite.pragma('wal_autocheckpoint = 0');
	const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), {
		workerData: { file, everyMs: EVERY_MS }
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
