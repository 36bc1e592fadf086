// Runs SQLite's WAL checkpoints on a thread of its own (see server/checkpointer.ts): copying the
// log back into the database and syncing it takes milliseconds that the event loop serving live
// sittings should not spend.
//
// Each round is a PASSIVE checkpoint, which never blocks the app's readers or writers. But the
// log starts over from its beginning only when a writer begins at a moment a checkpoint has
// caught up with all of it and no reader is in it; under live scoring the event loop commits
// every millisecond or two, so that moment never came: the log grew by every commit for as long
// as sittings ticked (260 MB in a 40-second bench run at 300 sittings, ~10 MB a second, and the
// file never shrinks), while each PASSIVE round reported it all copied. So once the log is past
// RESTART_AFTER_FRAMES, the round ends with a RESTART checkpoint: it takes the writer's lock,
// copies the little committed since the PASSIVE one and makes the next commit write from the
// start of the file. Without a busy handler here it gives up at once (and tries next round)
// rather than wait for a writer or a reader, so the event loop only ever waits for that copy and
// its sync (1–3 ms, in its own busy handler), once in a few seconds at the heaviest load.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThread } from './render-priority.js';

// The copying takes the core from the event loop: each round copies half a second of commits
// (5 MB at the heaviest load), and on a one-core server the ticks that arrived meanwhile waited
// behind it, 6–10 ms every round (the rounds showed in the event loop's gaps, 500 ms apart). At
// the idle class this thread runs only while the event loop waits.
lowerThisThread(19);

/** 16,384 pages of 4 KiB: the log stays under ~64 MB, restarted every few seconds at the heaviest load. */
const RESTART_AFTER_FRAMES = workerData.restartAfterFrames ?? 16_384;

const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
	try {
		const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
		// `log`: frames in the log now (-1: not a WAL); `checkpointed`: frames copied.
		if (passive && passive.log > RESTART_AFTER_FRAMES) db.pragma('wal_checkpoint(RESTART)');
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
