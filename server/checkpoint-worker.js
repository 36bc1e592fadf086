// Runs SQLite's WAL checkpoints on a thread of its own (see server/checkpointer.ts): copying the
// log back into the database and syncing it takes tens of milliseconds that the event loop
// serving live sittings should not spend. PASSIVE never blocks the app's readers or writers.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (e) {
		parentPort?.postMessage({ error: String(e) });
	}
}, workerData.everyMs);
parentPort?.on('message', (m) => {
	if (m !== 'stop') return;
	clearInterval(timer);
	db.close();
	parentPort?.close();
});
