// Load generator: simulated council members tick their scorecards over raw WebSockets speaking
// the y-websocket protocol; the chair and secretary of each sitting watch every card and the
// notes document. Latency runs from the moment each tick is written to its socket (see record();
// the sends are open loop, so a stalled server cannot hide), with the figures from each tick's
// scheduled time beside it; the run reports its own event-loop delay so it can be discarded.
//
// Input (JSON file path in argv[2]): { url, sittings: [{ itemId, chairCookie, secretaryCookie,
//   members: [{ userId, cookie }] }], warmupMs, measureMs, tickMs, origin, leafCodes, protocol }
// protocol 'app': the chair and the secretary each follow every card and the notes over one
// `board/<itemId>` connection, as the app's board page does; 'y-websocket' (the stock server,
// which has no such thing): over one connection per document; 'hocuspocus': over one socket
// that carries every document, as Hocuspocus's provider can share one.
// Output: one JSON line on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as hocuspocus from './hocuspocus-client.js';
import { lag } from './lag.js';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const HOCUSPOCUS = plan.protocol === 'hocuspocus';
const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const MESSAGE_BOARD = 101;
const BOARD_NOTES_KEY = '#notes';

let localIp = 0;
/** Spread client sockets over 127.0.0.x so 40k connections fit the ephemeral port range. */
function nextLocalAddress() {
	localIp = (localIp % 50) + 1;
	return `127.0.0.${localIp + 1}`;
}

/** Every socket opened, to be reset at the end (see `resetAll`). */
const opened = [];

/**
 * Ends every socket with a TCP reset instead of a close: a closed connection stays in TIME_WAIT
 * for 60 s and the kernel then reaps it, in bursts of 15-25 ms of a core every ~3 s for 14,000
 * sockets, inside the next run's measured window (the next server's latency). A reset leaves
 * nothing behind on either side.
 */
function resetAll() {
	for (const ws of opened) {
		try {
			ws._socket?.resetAndDestroy();
		} catch {
			// Already gone.
		}
	}
}

function open(docName, cookie) {
	return new Promise((resolve, reject) => {
		const headers = { origin: plan.origin };
		if (cookie) headers.cookie = cookie;
		// Hocuspocus names documents inside its frames, not in the URL.
		const ws = new WebSocket(HOCUSPOCUS ? `${plan.url}/` : `${plan.url}/yjs/${docName}`, {
			headers,
			localAddress: nextLocalAddress(),
			perMessageDeflate: false
		});
		ws.binaryType = 'nodebuffer';
		opened.push(ws);
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

// docName → each tick's scheduled time (t), the time it was sent (s) and whether it falls in the
// measured window (m), as plain numbers: an object per tick was garbage the generator's
// collector had to copy.
const docs = new Map();
const latencies = [];
/** The same samples from each tick's scheduled time, as this bench measured before (record). */
const fromSchedule = [];
/** How late each measured tick left against its schedule (the generator's own timers). */
const lateness = [];
/** BENCH_TRACE=<file>: every sample's send time and latency, to see when the tail happens. */
const trace = process.env.BENCH_TRACE ? [] : null;
let expected = 0;
let delivered = 0;
let measuring = false;
let closedUnexpectedly = 0;

/**
 * The n-th update of a document seen by one watcher, arrived at `at`. Latency runs from the
 * moment the tick was written to its socket. The generator's timers fire on libuv's millisecond
 * clock, so a tick leaves 0.6 ms (median) after its scheduled time, the same for every server:
 * measured from the schedule, that lateness, the generator's and not the server's, was most of
 * every server's median. The sends are open loop (ws.send never waits for the server), so a
 * stalled server still shows in full: its ticks wait in the socket. The figure from the
 * schedule is kept beside it (`fromSchedule`) and so is the lateness itself.
 */
function record(state, n, at) {
	if (state.m[n] !== 1) return;
	latencies.push(at - state.s[n]);
	fromSchedule.push(at - state.t[n]);
	if (trace) trace.push([state.s[n], at - state.s[n]]);
	delivered++;
}

function watch(ws, docName) {
	const state = docs.get(docName);
	let seen = 0;
	ws.on('message', (data) => {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== SYNC) return;
		if (decoding.readVarUint(d) !== UPDATE) return;
		record(state, seen++, performance.now());
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
}

/** One board connection: frames name the document (card owner or notes) before the update. */
function watchBoard(ws, itemId) {
	const byKey = new Map(); // key → { state, seen }
	ws.on('message', (data) => {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== MESSAGE_BOARD) return;
		const key = decoding.readVarString(d);
		if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== UPDATE) return;
		const at = performance.now();
		let entry = byKey.get(key);
		if (!entry) {
			const docName = key === BOARD_NOTES_KEY ? `notes/${itemId}` : `card/${itemId}/${key}`;
			byKey.set(key, (entry = { state: docs.get(docName), seen: 0 }));
		}
		if (entry.state) record(entry.state, entry.seen++, at);
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
}

/** A Hocuspocus socket following many documents: each frame names its document. */
function watchHocuspocus(ws) {
	const byName = new Map(); // docName → { state, seen }
	ws.on('message', (data) => {
		const name = hocuspocus.updatedDoc(data);
		if (name === null) return;
		const at = performance.now();
		let entry = byName.get(name);
		if (!entry) byName.set(name, (entry = { state: docs.get(name), seen: 0 }));
		if (entry.state) record(entry.state, entry.seen++, at);
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
}

/** What a member answers the server's sync step 1 with at connect: it has nothing yet. */
const EMPTY_STEP2 = (() => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, SYNC);
	encoding.writeVarUint(e, STEP2);
	encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()));
	return encoding.toUint8Array(e);
})();
const TICKS_PER_MEMBER = Math.ceil((plan.warmupMs + plan.measureMs) / plan.tickMs) + 2;

/**
 * A member's ticks, made with a real Y.Doc before the run and sent as they are during it: the
 * generator spends its time on sockets, not on Yjs, and allocates almost nothing per tick (its
 * own garbage collection pauses would otherwise count as server latency).
 */
function tickFrames(docName) {
	const doc = new Y.Doc();
	const choices = doc.getMap('choices');
	let pending = null;
	doc.on('update', (update) => (pending = update));
	const frames = [];
	for (let k = 0; k < TICKS_PER_MEMBER; k++) {
		choices.set(plan.leafCodes[k % plan.leafCodes.length], k % 3);
		if (HOCUSPOCUS) {
			frames.push(hocuspocus.syncFrame(docName, hocuspocus.UPDATE, pending));
			continue;
		}
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, SYNC);
		encoding.writeVarUint(e, UPDATE);
		encoding.writeVarUint8Array(e, pending);
		frames.push(encoding.toUint8Array(e));
	}
	doc.destroy();
	return frames;
}

function member(ws, docName, watchers) {
	const frames = tickFrames(docName);
	const state = docs.get(docName);
	const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
	ws.on('message', (data) => {
		if (HOCUSPOCUS) {
			const name = hocuspocus.step1Doc(data);
			if (name !== null) ws.send(hocuspocus.syncFrame(name, hocuspocus.STEP2, emptyUpdate));
			return;
		}
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== STEP1) return;
		ws.send(EMPTY_STEP2);
	});
	ws.on('close', () => measuring && closedUnexpectedly++);
	let k = 0;
	return (scheduledAt) => {
		const sent = performance.now();
		state.t.push(scheduledAt);
		state.s.push(sent);
		state.m.push(measuring ? 1 : 0);
		if (measuring) lateness.push(sent - scheduledAt);
		if (measuring) expected += watchers;
		ws.send(frames[k++]);
	};
}

async function main() {
	const started = performance.now();
	const memberTasks = [];
	const watcherTasks = [];
	for (const s of plan.sittings) {
		const notes = `notes/${s.itemId}`;
		docs.set(notes, { t: [], s: [], m: [] });
		const cards = s.members.map((m) => `card/${s.itemId}/${m.userId}`);
		for (const cookie of [s.chairCookie, s.secretaryCookie]) {
			if (HOCUSPOCUS)
				watcherTasks.push(async () => {
					const ws = await open('', cookie);
					await hocuspocus.subscribe(ws, [...cards, notes]);
					watchHocuspocus(ws);
				});
			else if (plan.protocol === 'app')
				watcherTasks.push(async () =>
					watchBoard(await open(`board/${s.itemId}`, cookie), s.itemId)
				);
			else watcherTasks.push(async () => watch(await open(notes, cookie), notes));
		}
		for (const m of s.members) {
			const name = `card/${s.itemId}/${m.userId}`;
			docs.set(name, { t: [], s: [], m: [] });
			if (plan.protocol === 'y-websocket')
				for (const cookie of [s.chairCookie, s.secretaryCookie])
					watcherTasks.push(async () => watch(await open(name, cookie), name));
			memberTasks.push(async () => {
				const ws = await open(name, m.cookie);
				if (HOCUSPOCUS) await hocuspocus.subscribe(ws, [name]);
				return member(ws, name, 2);
			});
		}
	}
	await openAll(watcherTasks);
	const tickers = await openAll(memberTasks);
	const connectMs = performance.now() - started;
	// Give the server time to finish the initial syncs before ticking.
	await new Promise((resolve) => setTimeout(resolve, 1000));

	// The old generation is collected here, before any tick, and has room for the whole run
	// (--initial-old-space-size, see ticks.js): with one GC thread, marking 14,000 sockets' heap
	// during the window stalled the generator for 20-45 ms at a time.
	globalThis.gc?.();
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
	lag.start();
	process.stderr.write('measuring\n');
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - performance.now())));
	measuring = false;
	lag.stop();
	process.stderr.write('measured\n');
	// Let the last updates arrive: 1.5 s, and up to 10 s more while some are missing, so a server
	// stalled for seconds (by PDF renders, say) shows as latency, not as lost updates.
	const tailEnd = performance.now() + 11_500;
	await new Promise((resolve) => setTimeout(resolve, 1500));
	while (delivered < expected && performance.now() < tailEnd)
		await new Promise((resolve) => setTimeout(resolve, 100));
	if (trace)
		writeFileSync(
			process.env.BENCH_TRACE,
			JSON.stringify({ origin: performance.timeOrigin, trace })
		);
	for (const list of [latencies, fromSchedule, lateness]) list.sort((a, b) => a - b);
	const quantile = (list, p) =>
		list.length ? list[Math.min(list.length - 1, Math.floor(p * list.length))] : null;
	const q = (p) => quantile(latencies, p);
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
			fromSchedule: {
				p50: quantile(fromSchedule, 0.5),
				p95: quantile(fromSchedule, 0.95),
				p99: quantile(fromSchedule, 0.99)
			},
			sendLateness: {
				p50: quantile(lateness, 0.5),
				p99: quantile(lateness, 0.99),
				max: lateness.length ? lateness[lateness.length - 1] : null
			},
			generatorLoopP99Ms: lag.percentile(0.99),
			closedUnexpectedly
		}) + '\n'
	);
	resetAll();
	process.exit(0);
}

main().catch((e) => {
	process.stderr.write(`load generator failed: ${e.stack ?? e}\n`);
	resetAll();
	process.exit(1);
});
