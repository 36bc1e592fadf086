// The render threads' CPU priority. On Linux the nice value belongs to a thread, not the process,
// and setpriority(PRIO_PROCESS, 0) names the calling thread: a render worker that lowers its own
// leaves the event loop's thread (and every other thread) where it was. The scheduler then gives
// the core to the event loop whenever both want it, so a burst of downloads on a one- or two-core
// server slows the documents, not live scoring.
import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** This thread's kernel id (Linux), so the pool and tests can find it under /proc. */
function threadId() {
	try {
		return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
	} catch {
		return null;
	}
}

/**
 * Lowers the calling thread to `nice` (0 = unchanged … 19 = lowest). Returns the kernel thread id
 * and the nice value it now has; a platform that refuses keeps rendering at the old priority.
 */
export function lowerThisThread(nice) {
	try {
		if (nice > 0) setPriority(0, nice);
	} catch {
		// Not permitted here (a locked-down container): rendering still works, only sooner.
	}
	let now = null;
	try {
		now = getPriority(0);
	} catch {
		// Unknown on this platform.
	}
	return { tid: threadId(), nice: now };
}
