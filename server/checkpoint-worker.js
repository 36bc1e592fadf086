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
// rather than wait for a writer or a reader. The event loop's batch commit does not wait in SQLite's
// busy handler meanwhile (write-behind.ts): it tries again a millisecond later, so its ticks are
// held for that copy and its sync (a few ms), once in a few seconds at the heaviest load.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

// This thread keeps the event loop's priority. In Linux's idle class (as the render threads are)
// its rounds no longer took the core from a waking event loop (the 6-10 ms gaps every 500 ms
// went), but it was then preempted while holding the log's locks, and the event loop's readers
// (every page view, every download's session check) spun in SQLite's retry sleeps until it got
// the core back: with document downloads, 70 gaps of 5-14 ms in 20 s instead of 11.

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
