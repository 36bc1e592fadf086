#!/usr/bin/env node
// `npm run bench [-- --quick]`: live scoring at national scale, the app's Yjs endpoint side by side
// with the stock y-websocket server, in one run. Writes BENCHMARKS.md; the last stdout line is a
// JSON summary. See BENCHMARKS.md for the method.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';
import { freePort, waitHealthy, procCpuMs, procRssMiB } from './proc.js';

register({ tsconfig: false });
const { seedBench } = await import('./seed.ts');
const { getRubric } = await import('../src/lib/domain/rubrics/index.ts');
const { listLeaves } = await import('../src/lib/domain/rubric.ts');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const arg = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const S = arg('sittings', quick ? 40 : 300);
const N = arg('members', 15);
const TIMING = quick ? { warmupMs: 3000, measureMs: 8000 } : { warmupMs: 5000, measureMs: 20000 };
const STEPS = quick ? [S, S * 2] : [S, 350, 400, 450, 500, 600, 900, 1200];
const BUILD_DIR = process.env.BUILD_DIR ?? 'build';
const leafCodes = listLeaves(getRubric('qd26-2026', 7)).map((l) => l.leaf.code);

function log(msg) {
	process.stderr.write(`[bench] ${msg}\n`);
}

function ensureBuild() {
	if (existsSync(join(BUILD_DIR, 'handler.js'))) return;
	log('building the app…');
	const r = spawnSync('npx', ['vite', 'build'], {
		stdio: 'inherit',
		env: { ...process.env, BUILD_DIR }
	});
	if (r.status !== 0) throw new Error('build failed');
}

/** Runs a command pinned to one core with a high file-descriptor limit. */
function pinned(core, argv, env) {
	const cmd = `ulimit -n 400000 2>/dev/null || ulimit -n 65536; exec taskset -c ${core} ${argv.map((a) => `'${a}'`).join(' ')}`;
	return spawn('bash', ['-c', cmd], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

async function startServer(kind, sittings, dir) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child =
		kind === 'app'
			? pinned(0, [process.execPath, 'server/index.js'], {
					NODE_ENV: 'production',
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: url,
					DATABASE_URL: join(dir, 'ocop.db'),
					UPLOAD_DIR: join(dir, 'uploads'),
					BUILD_DIR
				})
			: pinned(0, [process.execPath, 'bench/reference-server.js'], { PORT: String(port) });
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	await waitHealthy(url, child, () => out);
	return { child, url, port, output: () => out };
}

async function stop(child) {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(t);
}

function runGenerator(planFile, server) {
	return new Promise((resolve, reject) => {
		const gen = pinned(1, [process.execPath, 'bench/load.js', planFile], {});
		let out = '';
		let err = '';
		let cpuStart = null;
		gen.stdout.on('data', (d) => (out += d));
		gen.stderr.on('data', (d) => {
			err += d;
			if (cpuStart === null && err.includes('measuring')) cpuStart = procCpuMs(server.child.pid);
		});
		gen.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`generator failed (${code}): ${err}`));
			const result = JSON.parse(out.trim().split('\n').pop());
			result.serverCpuMs = cpuStart === null ? null : procCpuMs(server.child.pid) - cpuStart;
			result.serverRssMiB = procRssMiB(server.child.pid);
			resolve(result);
		});
	});
}

function runProbe(planFile) {
	return new Promise((resolve) => {
		const probe = pinned(1, [process.execPath, 'bench/probe.js', planFile], {});
		let out = '';
		let err = '';
		probe.stdout.on('data', (d) => (out += d));
		probe.stderr.on('data', (d) => (err += d));
		probe.on('exit', (code) => {
			if (code !== 0) return resolve({ error: err.slice(0, 500) });
			resolve(JSON.parse(out.trim().split('\n').pop()));
		});
	});
}

const PROBE_SITTINGS = quick ? 8 : 20;

/** One measured phase: fresh server, S sittings, N members (and close probes when asked). */
async function phase(kind, s, n, withProbe = false) {
	const dir = mkdtempSync(join(tmpdir(), `ocop-bench-${kind}-`));
	try {
		let sittings;
		let probeSittings = [];
		if (kind === 'app') {
			sittings = seedBench(join(dir, 'ocop.db'), s, n);
			if (withProbe) probeSittings = seedBench(join(dir, 'ocop.db'), PROBE_SITTINGS, n, 'p');
		} else
			sittings = Array.from({ length: s }, (_, i) => ({
				itemId: `r${i}i`,
				chairCookie: '',
				secretaryCookie: '',
				members: Array.from({ length: n }, (_, j) => ({ userId: `r${i}m${j}`, cookie: '' }))
			}));
		const server = await startServer(kind, sittings, dir);
		const idleRss = procRssMiB(server.child.pid);
		const planFile = join(dir, 'plan.json');
		writeFileSync(
			planFile,
			JSON.stringify({
				url: server.url.replace('http', 'ws'),
				origin: server.url,
				sittings,
				leafCodes,
				tickMs: 5000,
				...TIMING
			})
		);
		log(`${kind}: ${s} sittings × ${n} members…`);
		try {
			let probe = null;
			if (withProbe) {
				const probeFile = join(dir, 'probe.json');
				const leafChoices = Object.fromEntries(leafCodes.map((c) => [c, 0]));
				writeFileSync(
					probeFile,
					JSON.stringify({
						url: server.url,
						origin: server.url,
						leafChoices,
						sittings: probeSittings,
						startDelayMs: TIMING.warmupMs + 2000,
						spacingMs: Math.floor((TIMING.measureMs - 2000) / PROBE_SITTINGS)
					})
				);
				probe = runProbe(probeFile);
			}
			let r;
			try {
				r = await runGenerator(planFile, server);
			} catch (e) {
				// Typically the per-process open-file limit: the run cannot hold that many sockets.
				log(`${kind} ${s}: ${String(e.message).split('\n').slice(-3).join(' ')}`);
				return {
					kind,
					sittings: s,
					members: n,
					failed: String(e.message).slice(-300),
					valid: false,
					p99: null
				};
			}
			if (probe) r.probe = await probe;
			r.kind = kind;
			r.sittings = s;
			r.members = n;
			r.idleRssMiB = idleRss;
			r.cards = s * n;
			r.cpuPerTickMs =
				r.serverCpuMs && r.ticks
					? r.serverCpuMs / (r.ticks * (TIMING.measureMs / (TIMING.measureMs + TIMING.warmupMs)))
					: null;
			r.valid = r.generatorLoopP99Ms <= 10;
			log(
				`${kind} ${s}: p99 ${r.p99?.toFixed(1)} ms, delivery ${(r.deliveryRatio * 100).toFixed(2)}%, generator loop p99 ${r.generatorLoopP99Ms.toFixed(1)} ms`
			);
			return r;
		} finally {
			await stop(server.child);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const holds = (r) =>
	!r.failed && r.valid && r.p99 !== null && r.p99 <= 100 && r.deliveryRatio >= 0.999;

async function stepSearch(kind, first) {
	let best = holds(first) ? first.sittings : 0;
	const runs = [first];
	if (!holds(first)) return { max: best, runs };
	for (const s of STEPS.filter((x) => x > first.sittings)) {
		const r = await phase(kind, s, N);
		runs.push(r);
		if (!holds(r)) break;
		best = s;
	}
	return { max: best, runs };
}

function bundleSizes() {
	const dir = join(BUILD_DIR, 'client', '_app', 'immutable');
	const files = [];
	const walk = (d) => {
		for (const e of readdirSync(d, { withFileTypes: true })) {
			const p = join(d, e.name);
			if (e.isDirectory()) walk(p);
			else if (p.endsWith('.js')) files.push(p);
		}
	};
	if (existsSync(dir)) walk(dir);
	let total = 0;
	let livekit = 0;
	for (const f of files) {
		const raw = readFileSync(f);
		const gz = gzipSync(raw).length;
		total += gz;
		if (raw.includes('LivekitError') || raw.includes('livekit-client')) livekit += gz;
	}
	return { allJsGzipKiB: total / 1024, livekitGzipKiB: livekit / 1024 };
}

ensureBuild();
const appFirst = await phase('app', S, N, true);
const refFirst = await phase('reference', S, N);
const appSearch = await stepSearch('app', appFirst);
const refSearch = await stepSearch('reference', refFirst);
const bundles = bundleSizes();

const summary = {
	p99_ms: appFirst.p99,
	reference_p99_ms: refFirst.p99,
	ratio: appFirst.p99 && refFirst.p99 ? appFirst.p99 / refFirst.p99 : null,
	max_sittings: appSearch.max,
	reference_max_sittings: refSearch.max,
	close_p99_ms: appFirst.probe?.close?.p99 ?? null,
	close_p50_ms: appFirst.probe?.close?.p50 ?? null,
	submit_p99_ms: appFirst.probe?.submit?.p99 ?? null,
	sittings: S,
	members: N,
	quick
};

const describeRun = (r) =>
	r.failed
		? `${r.sittings}: could not run (${/EMFILE|limit/.test(r.failed) ? 'open-file limit' : 'error'})`
		: `${r.sittings}: ${fmt(r.p99)} ms${r.valid ? '' : ' (generator-limited)'}`;
const fdLimit = Number(spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
const fmt = (v, d = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const row = (r) =>
	`| ${r.kind} | ${r.sittings} × ${r.members} | ${r.connections} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.deliveryRatio * 100, 2)}% | ${fmt(r.cpuPerTickMs, 3)} | ${fmt(r.serverRssMiB, 0)} | ${fmt(r.generatorLoopP99Ms)}${r.valid ? '' : ' (invalid)'} |`;
const md = `# Benchmarks

Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.

## Method

- The built app (\`node server/index.js\`, production mode, fresh SQLite database) and, in the
  same run, the stock y-websocket server (\`@y/websocket-server\` 0.1.1, in memory, no auth) as the
  reference. Each server is pinned to core 0 (\`taskset -c 0\`); the load generator, a separate
  process, to core 1.
- S sittings × N members. Each member holds a real session (created directly in the database)
  and a raw WebSocket speaking the y-websocket protocol to its own card document
  (\`card/<item>/<member>\`), and ticks one criterion every 5 s, staggered. The chair and the
  secretary of each sitting watch every card and the notes document (read-only connections).
  The reference gets the same documents and the same update stream, without auth.
- Latency runs from each tick's scheduled time to its arrival at each watcher, so a late generator
  cannot hide server delay. A run counts only when the generator's event-loop delay p99 ≤ 10 ms.
- Max sittings: step search over ${STEPS.join(', ')} sittings; the largest that holds p99 ≤ 100 ms with
  ≥ 99.9 % delivery.
- Server CPU per tick = server CPU time during the measured window ÷ ticks in that window.
- Each sitting holds ${N + 2 * (N + 1)} sockets (N writers, chair and secretary on every card and
  the notes). This sandbox caps open files at ${fdLimit} per process and does not let the run raise
  it, so neither server can hold more than about ${Math.floor(fdLimit / (N + 2 * (N + 1)))} sittings here;
  the step search stops there.

## Results (${S} sittings × ${N} members)

| server | load | sockets | p50 ms | p95 ms | p99 ms | max ms | delivery | CPU ms/tick | RSS MiB | gen. loop p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row(appFirst)}
${row(refFirst)}

Ratio app p99 / reference p99: **${fmt(summary.ratio, 2)}**.
Memory per open card (app): ${fmt(((appFirst.serverRssMiB - appFirst.idleRssMiB) * 1024) / appFirst.cards, 1)} KiB (RSS growth ÷ cards; includes the connections).

## Submit, close and control events (app, at that load)

${
	appFirst.probe?.error
		? `Probe failed: ${appFirst.probe.error}`
		: `| measure | n | p50 ms | p99 ms |
| --- | --- | --- | --- |
| submit → acknowledged | ${appFirst.probe?.submit?.n} | ${fmt(appFirst.probe?.submit?.p50)} | ${fmt(appFirst.probe?.submit?.p99)} |
| close → locked result seen by every member | ${appFirst.probe?.close?.n} | ${fmt(appFirst.probe?.close?.p50)} | ${fmt(appFirst.probe?.close?.p99)} |
| control event (hand raised/lowered) → acknowledged | ${appFirst.probe?.control?.n} | – | ${fmt(appFirst.probe?.control?.p99)} |

Probe failures: ${appFirst.probe?.failures ?? '–'} ${(appFirst.probe?.errors ?? []).join('; ')}. The close probes run in ${PROBE_SITTINGS}
extra sittings (their own members, full socket.io clients) while the load runs; the result is
durable in SQLite (one transaction) before the server broadcasts it.`
}

## Largest number of sittings at p99 ≤ 100 ms

| server | max sittings | runs |
| --- | --- | --- |
| app | ${appSearch.max} | ${appSearch.runs.map(describeRun).join('; ')} |
| reference | ${refSearch.max} | ${refSearch.runs.map(describeRun).join('; ')} |

## Bundle sizes

All client JavaScript (gzip): ${fmt(bundles.allJsGzipKiB)} KiB; of which LiveKit's client chunk: ${fmt(bundles.livekitGzipKiB)} KiB
(loaded only when the video area opens).
`;
writeFileSync('BENCHMARKS.md', md);
log('wrote BENCHMARKS.md');
console.log(JSON.stringify(summary));
