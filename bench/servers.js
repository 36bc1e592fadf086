// Starting and stopping the servers under test, each pinned to core 0 (the load to core 1).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { freePort, waitHealthy } from './proc.js';

export const BUILD_DIR = process.env.BUILD_DIR ?? 'build';

/** Runs a command pinned to one core with a high file-descriptor limit. */
export function pinned(core, argv, env = {}) {
	const cmd = `ulimit -n 400000 2>/dev/null || ulimit -n 65536; exec taskset -c ${core} ${argv.map((a) => `'${a}'`).join(' ')}`;
	return spawn('bash', ['-c', cmd], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

/**
 * BENCH_PROFILE=<dir> writes a V8 CPU profile of the app server (open it in Chrome DevTools);
 * BENCH_SERVER_FLAGS adds Node flags to the app server (e.g. --trace-gc).
 */
const profileArgs = () => [
	...(process.env.BENCH_PROFILE
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
		: []),
	...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [])
];

/**
 * The garbage collector's flags the README recommends for a one-core server. Pinned to one core,
 * V8's parallel collector only makes its helper threads wait for each other during a pause, so
 * every stop-the-world phase (scavenge, marking, compaction, pointer updates) runs on the main
 * thread alone, and marking is incremental there rather than on a thread of its own.
 *
 * Sweeping stays concurrent. \`--single-threaded-gc\` (these flags' former form) also turns it off,
 * and V8 then sweeps the old generation lazily, a page at a time as the main thread needs room:
 * after each full collection most pages stayed unswept for seconds. When optimized code
 * deoptimizes and has objects to rebuild, V8 first finishes every pending sweep
 * (\`Heap::EnsureSweepingCompleted\`), on the main thread: traced with perf, 24-32 ms in one go
 * for a heap of 100-150 MB, and every tick waiting behind it. In the bench that came at the start
 * of each measured window (Yjs's update path, optimized while every card had sent one update,
 * deoptimized by the first card's second), 25-80 ms in the window's first 100 ms. Swept on a
 * thread of its own, in the time the event loop waits for sockets, the sweep is done long before.
 */
export const ONE_CORE_GC_FLAGS = [
	'--no-parallel-scavenge',
	'--no-parallel-marking',
	'--no-parallel-compaction',
	'--no-parallel-pointer-update',
	'--no-concurrent-marking',
	// With the others and not this one, Node 20's V8 aborts at the end of a full collection.
	'--no-cppheap-concurrent-marking'
];

/**
 * Every server gets the same Node flags: the collector's above, and a small young generation,
 * which keeps each scavenge (a pause of the only thread) short.
 */
const SERVER_FLAGS = [
	// BENCH_GC_FLAGS: every server's collector flags, to try others (e.g. --single-threaded-gc).
	...(process.env.BENCH_GC_FLAGS?.split(' ').filter(Boolean) ?? ONE_CORE_GC_FLAGS),
	// BENCH_SEMI_SPACE_MB: every server's young generation (semi-space), to try another size.
	`--max-semi-space-size=${Number(process.env.BENCH_SEMI_SPACE_MB ?? 4)}`
];

/** The servers measured: the app and the two references, by the protocol the generator speaks. */
export const KINDS = {
	app: { label: 'app', protocol: 'app' },
	reference: { label: 'y-websocket', protocol: 'y-websocket' },
	hocuspocus: { label: 'hocuspocus', protocol: 'hocuspocus' }
};

/** Starts `kind` with its data in `dir` (the app's and Hocuspocus's SQLite files). */
export async function startServer(kind, dir) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const node = (script, extra = []) => [process.execPath, ...SERVER_FLAGS, ...extra, script];
	const child =
		kind === 'app'
			? pinned(0, node('server/index.js', profileArgs()), {
					NODE_ENV: 'production',
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: url,
					DATABASE_URL: join(dir, 'ocop.db'),
					UPLOAD_DIR: join(dir, 'uploads'),
					BUILD_DIR,
					// One generator on one address stands for thousands of people, and a chair
					// there watches every card on its own socket: the abuse caps do not apply.
					LIVE_MAX_CONNECTIONS_PER_ADDRESS: '100000',
					LIVE_MAX_CONNECTIONS_PER_SESSION: '1000'
				})
			: kind === 'hocuspocus'
				? pinned(0, node('bench/hocuspocus-server.js'), {
						PORT: String(port),
						DATABASE_URL: join(dir, 'hocuspocus.sqlite')
					})
				: pinned(0, node('bench/reference-server.js'), { PORT: String(port) });
	const startedAt = performance.now();
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	// BENCH_SERVER_LOG=<dir>: each server's standard output (where --trace-gc writes), one file
	// per start.
	if (process.env.BENCH_SERVER_LOG) {
		const file = join(process.env.BENCH_SERVER_LOG, `${kind}-${Date.now()}.log`);
		const sink = createWriteStream(file);
		child.stdout.pipe(sink);
	}
	await waitHealthy(url, child, () => out);
	return { child, url, port, startedAt, output: () => out };
}

export async function stop(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(t);
}

/**
 * Runs a Node script pinned to core 1 (or the cores given, a taskset list) and resolves with the
 * last JSON line of its stdout.
 */
export function runJson(script, argv, { onStderr, nodeFlags = [], cores = 1 } = {}) {
	const child = pinned(cores, [process.execPath, ...nodeFlags, script, ...argv]);
	let out = '';
	let err = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => {
		err += d;
		onStderr?.(err);
	});
	const done = new Promise((resolve, reject) =>
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`${script} failed (${code}): ${err.slice(-800)}`));
			try {
				resolve(JSON.parse(out.trim().split('\n').pop()));
			} catch {
				reject(new Error(`${script} printed no JSON: ${out.slice(-300)} ${err.slice(-300)}`));
			}
		})
	);
	return { child, done, stderr: () => err };
}
