import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export async function waitHealthy(url, child, output) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.status < 500) return;
		} catch {
			/* not yet */
		}
		if (Date.now() > deadline) throw new Error(`server did not start: ${output()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** User + system CPU time of a process, in ms. */
export function procCpuMs(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * Resolves once `pid` has used under 2 % of a core for a whole second (at most 30 s): the app
 * renders the public pages ahead after it starts (server/public-warm.ts), a few seconds of a core
 * on a seeded database, which a measurement must not share the machine with.
 */
export async function settled(pid) {
	const until = Date.now() + 30_000;
	let last = procCpuMs(pid);
	while (Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const now = procCpuMs(pid);
		if (now - last < 20) return;
		last = now;
	}
}

/**
 * CPU time of the process's main thread alone (its event loop), in ms: render threads and the
 * garbage collector's helpers are left out, so what a side load costs the event loop shows.
 */
export function mainThreadCpuMs(pid) {
	return procCpuMs(`${pid}/task/${pid}`);
}

/**
 * Time the main thread spent ready to run but waiting for the core (the kernel's run-queue
 * wait, /proc/<pid>/task/<pid>/schedstat), in ms: what other threads and processes on its core
 * made the event loop wait. Null where the kernel keeps no schedstat.
 */
export function mainThreadWaitMs(pid) {
	try {
		const [, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ');
		return Number(wait) / 1e6;
	} catch {
		return null;
	}
}

export function procRssMiB(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return kb / 1024;
}

/**
 * TCP connections in TIME_WAIT on this machine (/proc/net/tcp and tcp6, state 06). The kernel
 * reaps them 60 s after their close, in batches, from a timer on the core that closed them: a
 * run's 5,000–14,000 closed sockets were reaped inside the next run's measured window, 15–25 ms
 * of that core's time every ~3 s, counted against whichever server ran there. With `port`, only
 * the connections from or to that port. Null where /proc/net is not readable.
 */
export function timeWaitCount(port) {
	const hexPort = port === undefined ? null : port.toString(16).toUpperCase().padStart(4, '0');
	let n = null;
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		n ??= 0;
		for (const line of text.split('\n').slice(1)) {
			// "  sl  local_address rem_address   st ..." — the state is the fourth field.
			const [, local, remote, st] = line.trim().split(/\s+/);
			if (st !== '06') continue;
			if (hexPort && !local.endsWith(`:${hexPort}`) && !remote.endsWith(`:${hexPort}`)) continue;
			n++;
		}
	}
	return n;
}

/**
 * Resolves once at most `under` connections are left in TIME_WAIT (at most 65 s: the kernel's
 * TIME_WAIT is 60 s), and tells how long it waited and how many were left.
 */
export async function timeWaitDrained(under = 200) {
	const start = Date.now();
	let n = timeWaitCount();
	while (n !== null && n > under && Date.now() - start < 65_000) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		n = timeWaitCount();
	}
	return { waitedMs: Date.now() - start, left: n };
}
