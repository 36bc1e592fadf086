// Load generator: simulated council members tick their scorecards over raw WebSockets speaking
// the y-websocket protocol; the chair and secretary of each sitting watch every card and the
// notes document. Latency runs from each tick's *scheduled* time, so a lagging generator cannot
// hide server delay; the run reports its own event-loop delay so it can be discarded.
//
// Input (JSON file path in argv[2]): { url, sittings: [{ itemId, chairCookie, secretaryCookie,
//   members: [{ userId, cookie }] }], warmupMs, measureMs, tickMs, origin, leafCodes }
// Output: one JSON line on stdout.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const loopDelay = monitorEventLoopDelay({ resolution: 5 });

let localIp = 0;
/** Spread client sockets over 127.0.0.x so 40k connections fit the ephemeral port range. */
function nextLocalAddress() {
	localIp = (localIp % 50) + 1;
	return `127.0.0.${localIp + 1}`;
}

function open(docName, cookie) {
	return new Promise((resolve, reject) => {
		const headers = { origin: plan.origin };
		if (cookie) headers.cookie = cookie;
		const ws = new WebSocket(`${plan.url}/yjs/${docName}`, {
			headers,
			localAddress: nextLocalAddress(),
			perMessageDeflate: false
		});
		ws.binaryType = 'nodebuffer';
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
		ws.once('unexpected-response', (_q, res) =>
			reject(new Error(`HTTP ${res.statusCode} for ${docName}`))
		);
	});
}

/** Opens many sockets with bounded concurrency. */
async function openAll(tasks, concurrency = 256) {
	const out = new Array(tasks.length);
	let next = 0;
	async function worker() {
		while (next < tasks.length) {
			const i = next++;
			out[i] = await tasks[i]();
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return out;
}

const docs = new Map(); // docName → { scheduled: number[] }
const latencies = [];
let expected = 0;
let delivered = 0;
let measuring = false;
let closedUnexpectedly = 0;

function watch(ws, docName) {
	const state = docs.get(docName);
	let seen = 0;
	ws.on('message', (data) => {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== SYNC) return;
		if (decoding.readVarUint(d) !== UPDATE) return;
		const at = performance.now();
		const scheduled = state.scheduled[seen++];
		if (scheduled !== undefined && scheduled.measured) {
			latencies.push(at - scheduled.t);
			delivered++;
		}
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
}

function member(ws, docName, watchers) {
	const doc = new Y.Doc();
	const choices = doc.getMap('choices');
	let pending = null;
	doc.on('update', (update) => (pending = update));
	ws.on('message', (data) => {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== STEP1) return;
		const sv = decoding.readVarUint8Array(d);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, SYNC);
		encoding.writeVarUint(e, STEP2);
		encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, sv));
		ws.send(encoding.toUint8Array(e));
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
	let k = 0;
	return (scheduledAt) => {
		const code = plan.leafCodes[k % plan.leafCodes.length];
		choices.set(code, k % 3);
		k++;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, SYNC);
		encoding.writeVarUint(e, UPDATE);
		encoding.writeVarUint8Array(e, pending);
		const entry = { t: scheduledAt, measured: measuring };
		docs.get(docName).scheduled.push(entry);
		if (measuring) expected += watchers;
		ws.send(encoding.toUint8Array(e));
	};
}

async function main() {
	const started = performance.now();
	const memberTasks = [];
	const watcherTasks = [];
	for (const s of plan.sittings) {
		const notes = `notes/${s.itemId}`;
		docs.set(notes, { scheduled: [] });
		for (const cookie of [s.chairCookie, s.secretaryCookie]) {
			watcherTasks.push(async () => watch(await open(notes, cookie), notes));
		}
		for (const m of s.members) {
			const name = `card/${s.itemId}/${m.userId}`;
			docs.set(name, { scheduled: [] });
			for (const cookie of [s.chairCookie, s.secretaryCookie])
				watcherTasks.push(async () => watch(await open(name, cookie), name));
			memberTasks.push(async () => member(await open(name, m.cookie), name, 2));
		}
	}
	await openAll(watcherTasks);
	const tickers = await openAll(memberTasks);
	const connectMs = performance.now() - started;
	// Give the server time to finish the initial syncs before ticking.
	await new Promise((resolve) => setTimeout(resolve, 1000));

	const t0 = performance.now() + 200;
	const end = t0 + plan.warmupMs + plan.measureMs;
	let ticks = 0;
	// One timer for every member: member i ticks at t0 + i·(tickMs / count) + k·tickMs, so the
	// due order is round-robin and a single pump keeps the generator's own loop light.
	const step = plan.tickMs / tickers.length;
	let n = 0;
	const pump = () => {
		const now = performance.now();
		for (;;) {
			const due = t0 + n * step;
			if (due > now || due >= end) break;
			tickers[n % tickers.length](due);
			ticks++;
			n++;
		}
		const due = t0 + n * step;
		if (due < end) setTimeout(pump, Math.max(0, due - performance.now()));
	};
	setTimeout(pump, Math.max(0, t0 - performance.now()));
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, t0 + plan.warmupMs - performance.now()))
	);
	measuring = true;
	loopDelay.enable();
	process.stderr.write('measuring\n');
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
	measuring = false;
	loopDelay.disable();
	await new Promise((resolve) => setTimeout(resolve, 1500)); // let the last updates arrive
	latencies.sort((a, b) => a - b);
	const q = (p) =>
		latencies.length
			? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]
			: null;
	process.stdout.write(
		JSON.stringify({
			connections: watcherTasks.length + memberTasks.length,
			connectMs: Math.round(connectMs),
			ticks,
			expected,
			delivered,
			deliveryRatio: expected ? delivered / expected : 0,
			p50: q(0.5),
			p95: q(0.95),
			p99: q(0.99),
			max: latencies.length ? latencies[latencies.length - 1] : null,
			generatorLoopP99Ms: loopDelay.percentile(99) / 1e6,
			closedUnexpectedly
		}) + '\n'
	);
	process.exit(0);
}

main().catch((e) => {
	process.stderr.write(`load generator failed: ${e.stack ?? e}\n`);
	process.exit(1);
});
