// One measured tick phase: a fresh server, S sittings × N members ticking their cards, and any
// side loads (close probes, page reads, PDF downloads) started when the measured window opens.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	mainThreadCpuMs,
	mainThreadWaitMs,
	procCpuMs,
	procRssMiB,
	timeWaitDrained
} from './proc.js';
import { KINDS, pinned, runJson, startServer, stop } from './servers.js';
import { searchSteps } from './step-search.js';

export const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * This process (every thread of it) on the given cores: during a tick phase on the load's core,
 * so that the harness (reading the server's /proc, collecting the generator's output) never
 * takes the server's core. Unpinned, the server's event loop waited for its core 100-290 ms in
 * a 20-second window; pinned, 60-80 ms. Chromium, started later by Lighthouse, must not inherit
 * it: the phase restores both cores when it ends.
 */
function pinSelf(cores) {
	spawnSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' });
}

/** The reference servers have no accounts: the same names, no cookies. */
const anonymousSittings = (s, n) =>
	Array.from({ length: s }, (_, i) => ({
		itemId: `r${i}i`,
		chairCookie: '',
		secretaryCookie: '',
		members: Array.from({ length: n }, (_, j) => ({ userId: `r${i}m${j}`, cookie: '' }))
	}));

function runGenerator(planFile, server, onMeasuring) {
	// One thread for the garbage collector: on a single pinned core, V8's parallel scavenger
	// threads wait for each other and a 10 ms pause became 50-80 ms.
	// A small young generation: each scavenge copies what is alive then, and with 14,000 sockets'
	// messages in flight a 16 MiB one paused the generator for 12-45 ms; with 1 MiB, 3-10 ms.
	// Room for the old generation so that it is not marked during the window (load.js collects
	// it just before). The stock server's 47 sockets per sitting made its runs generator-limited
	// (lag p99 11-20 ms) without these.
	const genFlags = [
		'--max-semi-space-size=1',
		'--initial-old-space-size=1024',
		'--expose-gc',
		...(process.env.BENCH_GEN_FLAGS?.split(' ').filter(Boolean) ?? [])
	];
	let cpuStart = null;
	let mainCpuStart = null;
	let mainWaitStart = null;
	// When the measured window began, in ms since the server was started: to line up a server
	// log (BENCH_SERVER_LOG with --trace-gc) with it.
	let measuringAt = null;
	let measuredAt = null;
	const gen = runJson('bench/load.js', [planFile], {
		nodeFlags: ['--single-threaded-gc', ...genFlags],
		onStderr: (err) => {
			if (cpuStart === null && err.includes('measuring')) {
				cpuStart = procCpuMs(server.child.pid);
				mainCpuStart = mainThreadCpuMs(server.child.pid);
				mainWaitStart = mainThreadWaitMs(server.child.pid);
				measuringAt = performance.now() - server.startedAt;
				onMeasuring();
			}
			if (measuredAt === null && err.includes('measured\n'))
				measuredAt = performance.now() - server.startedAt;
		}
	});
	return gen.done.then(
		(result) => {
			if (process.env.BENCH_GEN_LOG) writeFileSync(process.env.BENCH_GEN_LOG, gen.stderr());
			log(
				`measured window: server +${Math.round(measuringAt)} ms to +${Math.round(measuredAt)} ms`
			);
			result.serverCpuMs = cpuStart === null ? null : procCpuMs(server.child.pid) - cpuStart;
			result.serverMainCpuMs =
				mainCpuStart === null ? null : mainThreadCpuMs(server.child.pid) - mainCpuStart;
			const waitNow = mainThreadWaitMs(server.child.pid);
			result.serverMainWaitMs =
				mainWaitStart === null || waitNow === null ? null : waitNow - mainWaitStart;
			result.serverRssMiB = procRssMiB(server.child.pid);
			return result;
		},
		(e) => {
			if (process.env.BENCH_GEN_LOG) writeFileSync(process.env.BENCH_GEN_LOG, gen.stderr());
			throw e;
		}
	);
}

/**
 * A side load in its own process on core 1: it prepares (connects, joins) at once, acts on
 * SIGUSR2 (sent when the generator opens its measured window) and prints one JSON line.
 */
export function sideLoad(script, planFile) {
	// Like the generator: pinned to one core, V8's parallel scavenger threads only wait for each
	// other, and the client's own pauses would be read as the server's latency.
	const child = pinned(1, [process.execPath, '--single-threaded-gc', script, planFile]);
	let out = '';
	let err = '';
	child.stdout.on('data', (d) => (out += d));
	// It says "ready" once it listens for the signal: SIGUSR2 before that would kill it.
	let onReady;
	const ready = new Promise((resolve) => (onReady = resolve));
	child.stderr.on('data', (d) => {
		err += d;
		if (/^ready$/m.test(err)) onReady();
	});
	const done = new Promise((resolve) =>
		child.on('exit', (code) => {
			onReady();
			if (code !== 0) return resolve({ error: err.slice(-500) || `exit ${code}` });
			try {
				resolve(JSON.parse(out.trim().split('\n').pop()));
			} catch {
				resolve({ error: `no JSON: ${out.slice(-200)} ${err.slice(-200)}` });
			}
		})
	);
	// bash execs node, so the pid is the script's own.
	return {
		done,
		start: () => ready.then(() => child.exitCode === null && child.kill('SIGUSR2')),
		kill: () => child.kill('SIGKILL')
	};
}

/** Documents a server had on disk at the end of a phase: both the app and Hocuspocus persist. */
function persistedDocs(kind, dir) {
	const file = join(dir, kind === 'app' ? 'ocop.db' : 'hocuspocus.sqlite');
	if (kind === 'reference' || !existsSync(file)) return null;
	// Read-write: a server stopped in the middle of a transaction (killed after 10 s) leaves a hot
	// journal, which SQLite rolls back on the first read, and a read-only connection cannot
	// (SQLITE_READONLY_ROLLBACK ended a full run after its eighth tick phase). Whatever else
	// goes wrong here costs this figure, not the run.
	let db = null;
	try {
		db = new Database(file);
		const sql =
			kind === 'app'
				? 'SELECT count(DISTINCT doc) AS n FROM yjs_updates'
				: 'SELECT count(*) AS n FROM documents';
		return db.prepare(sql).get().n;
	} catch (e) {
		log(`${kind}: documents on disk not counted (${e.code ?? e.message})`);
		return null;
	} finally {
		db?.close();
	}
}

export function createTicks(cfg) {
	const { timing, members: N, leafCodes, seedBench, seedResults } = cfg;

	/**
	 * kind: app | reference | hocuspocus. `sides`: { name: { before?(dbFile), start(ctx) } }:
	 * `before` seeds what the side load needs before the server starts; `start` is given
	 * { server, dir, sittings, seqs, prepared } and returns a sideLoad. Each side load's output
	 * is reported under its name in the result.
	 */
	async function phase(kind, s, sides = {}, label = KINDS[kind].label) {
		const dir = mkdtempSync(join(tmpdir(), `ocop-bench-${kind}-`));
		pinSelf('1');
		try {
			let sittings;
			let seqs = [];
			if (kind === 'app') {
				sittings = seedBench(join(dir, 'ocop.db'), s, N);
				// Every app phase has the same database: a published result per sitting.
				seqs = seedResults(join(dir, 'ocop.db'), sittings);
			} else sittings = anonymousSittings(s, N);
			const prepared = {};
			for (const [name, side] of Object.entries(sides))
				prepared[name] = side.before?.(join(dir, 'ocop.db'));
			// Connections closed by an earlier run (another server's 14,000 sockets, a read load's)
			// are reaped by the kernel 60 s after their close, in bursts on the core that closed them:
			// inside this run's window they would be read as this server's latency. The generator
			// ends its sockets with a reset (no TIME_WAIT); other loads may not.
			const quiet = await timeWaitDrained();
			if (quiet.waitedMs > 1500)
				log(`waited ${(quiet.waitedMs / 1000).toFixed(0)} s for closed connections to be reaped`);
			const server = await startServer(kind, dir);
			const idleRss = procRssMiB(server.child.pid);
			const planFile = join(dir, 'plan.json');
			writeFileSync(
				planFile,
				JSON.stringify({
					url: server.url.replace('http', 'ws'),
					origin: server.url,
					sittings,
					leafCodes,
					protocol: KINDS[kind].protocol,
					tickMs: 5000,
					...timing
				})
			);
			log(`${label}: ${s} sittings × ${N} members…`);
			const loads = {};
			let result = null;
			try {
				for (const [name, side] of Object.entries(sides))
					loads[name] = side.start({ server, dir, sittings, seqs, prepared: prepared[name] });
				let r;
				try {
					r = await runGenerator(planFile, server, () =>
						Object.values(loads).forEach((l) => l.start())
					);
				} catch (e) {
					// Typically the per-process open-file limit: the run cannot hold that many sockets.
					Object.values(loads).forEach((l) => l.kill());
					log(`${label} ${s}: ${String(e.message).split('\n').slice(-3).join(' ')}`);
					const failed = String(e.message).slice(-300);
					return { kind: label, sittings: s, members: N, failed, valid: false, p99: null };
				}
				for (const [name, l] of Object.entries(loads)) r[name] = await l.done;
				result = r;
				Object.assign(r, { kind: label, sittings: s, members: N, idleRssMiB: idleRss });
				r.cards = s * N;
				r.cpuPerTickMs =
					r.serverCpuMs && r.ticks
						? r.serverCpuMs / (r.ticks * (timing.measureMs / (timing.measureMs + timing.warmupMs)))
						: null;
				r.valid = r.generatorLoopP99Ms <= 10;
				log(
					`${label} ${s}: p99 ${r.p99?.toFixed(1)} ms, delivery ${(r.deliveryRatio * 100).toFixed(2)}%, generator loop p99 ${r.generatorLoopP99Ms.toFixed(1)} ms, event loop waited for the core ${r.serverMainWaitMs?.toFixed(0)} ms`
				);
				return r;
			} finally {
				await stop(server.child);
				// Counted once the server has stopped (Hocuspocus stores what is pending then).
				if (result) result.persistedDocs = persistedDocs(kind, dir);
				// Beside the standard output servers.js keeps there: both streams, as the server wrote them.
				if (process.env.BENCH_SERVER_LOG && kind === 'app')
					writeFileSync(
						join(process.env.BENCH_SERVER_LOG, `app-${Date.now()}-all.log`),
						server.output()
					);
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
			pinSelf('0-1');
		}
	}

	/** The most sittings `kind` holds (step-search.js), from its tick phase's median run. */
	const stepSearch = (kind, first, steps) => searchSteps((s) => phase(kind, s), first, steps);

	return { phase, stepSearch };
}
