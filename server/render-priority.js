// The render threads' CPU priority. On Linux the nice value belongs to a thread, not the process,
// and setpriority(PRIO_PROCESS, 0) names the calling thread: a render worker that lowers its own
// leaves the event loop's thread (and every other thread) where it was. The scheduler then gives
// the core to the event loop whenever both want it, so a burst of downloads on a one- or two-core
// server slows the documents, not live scoring.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
	const tid = threadId();
	return { tid, nice: now, idle: nice >= 19 && tid !== null && idlePolicy(tid) };
}

/**
 * Puts thread `tid` in Linux's SCHED_IDLE class (util-linux `chrt`; lowering needs no
 * privilege). Nice 19 is not enough on a kernel with the EEVDF scheduler (Linux 6.6 on): a
 * thread that wakes waits until the running one has used its slice, so each tick that arrived
 * while a document rendered waited up to a few milliseconds for the core (bench: the tick p99
 * with 50 PDFs in flight 4.1–4.5 ms against 2.4 without). A SCHED_IDLE thread is preempted at
 * once by any normal one that wakes, and still runs whenever the core is otherwise free.
 * Returns whether the thread is now in that class; elsewhere (no chrt, not Linux) nice stands.
 */
export function idlePolicy(tid) {
	try {
		const r = spawnSync('chrt', ['--idle', '--pid', '0', String(tid)], {
			stdio: 'ignore',
			timeout: 5000
		});
		return r.status === 0;
	} catch {
		return false;
	}
}

/**
 * Whether V8 collects garbage on the event loop's thread alone: `--single-threaded-gc` (or
 * `--single-threaded`, which implies it) on the command line (NODE_OPTIONS may not hold them),
 * not undone by a later `--no-single-threaded-gc`; V8 takes `-` and `_` alike in its flags. Only
 * then may the threads that exist at start be lowered (lowerHelperThreads): otherwise some of
 * them are the collector's, and the event loop waits for them in every scavenge.
 */
export function collectorOnEventLoop(execArgv = process.execArgv) {
	let single = false;
	for (const raw of execArgv) {
		const flag = raw.replaceAll('_', '-');
		if (flag === '--single-threaded-gc' || flag === '--single-threaded') single = true;
		else if (flag === '--no-single-threaded-gc') single = false;
	}
	return single;
}

/**
 * Lowers the threads Node started before the app (lowerOtherThreads) only when none of them
 * collects garbage (collectorOnEventLoop): then they are V8's compiler and libuv's file threads,
 * which nobody waits for while the event loop is busy. With V8's parallel or concurrent
 * collector (Node's defaults, any machine with more than one core) they are left where they are:
 * in each scavenge the event loop hands out work to them and waits until it is done, so a helper
 * in the idle class, or at nice 19, behind a render thread or any other process, held every
 * sitting. Bench, the server on two cores with Node's flags (BENCH_SERVER_CORES=0-1, the document
 * phase with and without 50 PDFs, --trace-gc), the longest scavenge on the event loop per
 * server: helpers in the idle class 17-375 ms, over 100 ms in 3 of 8 servers (110, 125, 375);
 * at nice 19 33-204 ms, over 100 ms in 2 of 4; left alone 15-54 ms in 8. Returns how many
 * threads were lowered.
 */
export function lowerHelperThreads(nice) {
	return collectorOnEventLoop() ? lowerOtherThreads(nice) : 0;
}

/**
 * Lowers every thread of this process but the calling one (the event loop) to `nice`, and
 * returns how many it lowered. Called once at start (through lowerHelperThreads), before the app
 * makes threads of its own: those that exist then are V8's helpers (its optimising compiler,
 * which compiles for the render threads' code as much as for the event loop's, and, unless the
 * collector runs on the event loop alone, the collector's), libuv's file threads and the module
 * loader. At the event loop's priority the compiler took ~6 % of the core in slices of its own
 * while documents rendered, and the live ticks waited behind it (bench: the event loop's time
 * waiting for the core, 310 → 60-250 ms in 15 s). Lowered, each only delays work that has no
 * one waiting on it while the event loop is busy. At 19 they also go to the idle class, as the
 * render threads do, for the same reason: on kernels with EEVDF a nice-19 thread kept the core
 * for its slice when a tick woke the event loop. Threads started later (the render and
 * checkpoint workers, SQLite's, argon2's) are not touched.
 */
export function lowerOtherThreads(nice) {
	if (!(nice > 0)) return 0;
	const self = threadId();
	let tasks;
	try {
		tasks = readdirSync('/proc/self/task');
	} catch {
		return 0; // Not Linux: every thread keeps its priority.
	}
	let lowered = 0;
	for (const name of tasks) {
		const tid = Number(name);
		if (tid === self) continue;
		try {
			setPriority(tid, nice);
			lowered++;
		} catch {
			// Gone already, or not permitted: that thread keeps its priority.
			continue;
		}
		if (nice >= 19) idlePolicy(tid);
	}
	return lowered;
}
