// Starting and stopping the servers under test, each pinned to core 0 (the load to core 1).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createWriteStream, mkdirSync } from 'node:fs';
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
 * The garbage collector's flags the README recommends for a one-core server: no collector
 * threads at all. Pinned to one core, V8's parallel collector only makes its helper threads wait
 * for each other during a pause; and a concurrent one (a sweeper) is worse there, for this app.
 *
 * For a day (d18ab26 on) these flags turned the collector's threads off one by one and kept the
 * sweepers, to end a 24-32 ms stall: with \`--single-threaded-gc\` V8 sweeps the old generation
 * lazily on the main thread, and a deoptimization finishes every pending sweep first
 * (\`Heap::EnsureSweepingCompleted\`; in the bench, at the start of each window). But the app
 * lowers V8's helper threads to Linux's idle class (server/render-priority.js), as it does its
 * PDF render threads, and while documents render the helpers get only a share of the core with
 * them. A collection that has to wait for a concurrent sweep then held the event loop: with
 * \`--trace-gc\` and a heartbeat in the server, a scavenge of 0.4-1.4 s on the main thread in 17
 * of 18 app servers run with a concurrent sweeper (these flags, Node's defaults, and each
 * sweeper turned off in turn) in the bench's document phase (a database with published results,
 * with and without 50 PDFs rendering); in 2 of the last 10 document runs it fell inside the
 * measured window (tick p99 1.0 and 1.4 s). With \`--single-threaded-gc\`, 4 servers: the
 * longest scavenge 85 ms. Turning off V8's sweeper and its array-buffer sweeper did not help; the
 * one left, Oilpan's (CppHeap: Node's C++ objects), sweeps concurrently unless
 * \`--single-threaded-gc\` is given, and Node 20's V8 has no flag of its own for it. The 24-32 ms
 * stall once after a full collection is the smaller cost. (The app now lowers V8's threads only
 * under this flag, where they do not collect: server/render-priority.js, lowerHelperThreads.)
 */
export const ONE_CORE_GC_FLAGS = ['--single-threaded-gc'];

/**
 * Every server gets the same Node flags: the collector's above, and a small young generation,
 * which keeps each scavenge (a pause of the only thread) short.
 */
const SERVER_FLAGS = [
	// BENCH_GC_FLAGS: every server's collector flags, to try others (e.g. --no-parallel-scavenge).
	...(process.env.BENCH_GC_FLAGS?.split(' ').filter(Boolean) ?? ONE_CORE_GC_FLAGS),
	// BENCH_SEMI_SPACE_MB: every server's young generation (semi-space), to try another size.
	`--max-semi-space-size=${Number(process.env.BENCH_SEMI_SPACE_MB ?? 4)}`
];

/**
 * The cores every server is pinned to (a taskset list): core 0, the generator having core 1.
 * BENCH_SERVER_CORES=0-1 lets a server use both (it then shares one with the generator), to see
 * what a server with more than one core does, e.g. its collector's helper threads.
 */
const SERVER_CORES = process.env.BENCH_SERVER_CORES ?? '0';

/** The servers measured: the app and the two references, by the protocol the generator speaks. */
export const KINDS = {
	app: { label: 'app', protocol: 'app' },
	reference: { label: 'y-websocket', protocol: 'y-websocket' },
	hocuspocus: { label: 'hocuspocus', protocol: 'hocuspocus' },
	// bench/floor-server.js: the least a server of each protocol can do, to read the others by.
	floor: { label: 'floor, app protocol', protocol: 'app' },
	'floor-yws': { label: 'floor, y-websocket protocol', protocol: 'y-websocket' }
};

/**
 * Sockets one sitting of `members` members needs on a server of `kind`: the stock y-websocket
 * protocol opens one per document per client (each member's card, and the chair's and the
 * secretary's socket to every card and the notes), the app and Hocuspocus multiplex a client's
 * documents on one socket.
 */
export function socketsPerSitting(kind, members) {
	return KINDS[kind].protocol === 'y-websocket' ? members + 2 * (members + 1) : members + 2;
}

/** Starts `kind` with its data in `dir` (the app's and Hocuspocus's SQLite files). */
export async function startServer(kind, dir) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const node = (script, extra = []) => [process.execPath, ...SERVER_FLAGS, ...extra, script];
	const child =
		kind === 'app'
			? pinned(SERVER_CORES, node('server/index.js', profileArgs()), {
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
				? pinned(SERVER_CORES, node('bench/hocuspocus-server.js'), {
						PORT: String(port),
						DATABASE_URL: join(dir, 'hocuspocus.sqlite')
					})
				: kind === 'floor' || kind === 'floor-yws'
					? pinned(SERVER_CORES, node('bench/floor-server.js'), { PORT: String(port) })
					: pinned(SERVER_CORES, node('bench/reference-server.js'), { PORT: String(port) });
	const startedAt = performance.now();
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	// BENCH_SERVER_LOG=<dir>: each server's standard output (where --trace-gc writes), one file
	// per start.
	if (process.env.BENCH_SERVER_LOG) {
		mkdirSync(process.env.BENCH_SERVER_LOG, { recursive: true });
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
