// One member floods Yjs presence (awareness) on a document they may only read: thousands of
// client ids, states near and over the size cap, removals of others' states, and connections
// past the caps. Measured at an honest reader: the bytes it receives, the states it ends up
// holding, and /healthz answering meanwhile. Real app.server, real sockets, real SQLite file.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_AWARENESS_STATE_BYTES } from '../../server/yjs/awareness-guard';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { notesDocName } from '../../src/lib/protocol/yjs-docs';
import { SESSION_COOKIE, hashToken } from '../../src/lib/server/auth/session';
import { useAppServer } from '../helpers/app-server';
import { connectAs } from '../helpers/recusal-world';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';
import { provider, rawClient, synced, until, type RawClient } from './yjs-helpers';

const PER_SESSION = 20;
const PER_ADDRESS = 30;
const FLOODER = fileURLToPath(new URL('../helpers/presence-flooder.mjs', import.meta.url));

interface FloodReport {
	/** How each connection opened: "open", or its close "code reason". */
	outcomes: string[];
	/** How each accepted connection stood after the flood. */
	endings: string[];
}
/** Flood rounds: every connection sends one message of 50 ids per round. */
const ROUNDS = 15;
const app = useAppServer({
	env: {
		LIVE_MAX_CONNECTIONS_PER_SESSION: String(PER_SESSION),
		LIVE_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS)
	},
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const opened: RawClient[] = [];
/** How each connection was closed ("code reason"), recorded from the moment it opens. */
const closes = new WeakMap<RawClient, Promise<string>>();

beforeAll(() => {
	f = app.seeded;
});
afterAll(() => {
	for (const c of opened) c.ws.terminate();
});

const notes = () => notesDocName(f.itemId);

function open(cookie: string): RawClient {
	const c = rawClient(app.url, notes(), cookie);
	opened.push(c);
	closes.set(
		c,
		new Promise((resolve) => c.ws.once('close', (code, why) => resolve(`${code} ${why}`)))
	);
	return c;
}

/** One awareness message with the given entries (client id, state). */
function awarenessFrame(entries: [number, unknown][], clock = 1): Uint8Array {
	const u = encoding.createEncoder();
	encoding.writeVarUint(u, entries.length);
	for (const [id, state] of entries) {
		encoding.writeVarUint(u, id);
		encoding.writeVarUint(u, clock);
		encoding.writeVarString(u, JSON.stringify(state));
	}
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
	return encoding.toUint8Array(e);
}

/** A reader that counts every byte it receives and keeps the presence states it is sent. */
function observer(cookie: string) {
	const c = open(cookie);
	const seen = { bytes: 0, states: new Map<number, unknown>() };
	c.ws.on('message', (data: Buffer) => {
		seen.bytes += data.byteLength;
		const d = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(d) !== 1) return;
		const u = decoding.createDecoder(decoding.readVarUint8Array(d));
		for (let n = decoding.readVarUint(u); n > 0; n--) {
			const id = decoding.readVarUint(u);
			decoding.readVarUint(u);
			const state: unknown = JSON.parse(decoding.readVarString(u));
			if (state === null) seen.states.delete(id);
			else seen.states.set(id, state);
		}
	});
	return { client: c, seen };
}

const sessionIdOf = (cookie: string) => hashToken(cookie.slice(`${SESSION_COOKIE}=`.length));
const pad = (bytes: number) => 'x'.repeat(bytes);
const closeOf = (c: RawClient) => closes.get(c)!;
const isOpen = (c: RawClient) =>
	c.ready.then(
		() => 'open',
		() => closeOf(c)
	);

/** Runs the attacker in its own process; resolves with its report, calling `onReady` first. */
function flood(cookie: string, removeId: number, onReady: () => void): Promise<FloodReport> {
	const options = {
		url: app.url,
		doc: notes(),
		cookie,
		connections: PER_SESSION + 5,
		rounds: ROUNDS,
		idsPerMessage: 50,
		stateBytes: MAX_AWARENESS_STATE_BYTES - 60,
		removeId
	};
	const child = spawn(process.execPath, [FLOODER, JSON.stringify(options)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return new Promise((resolve, reject) => {
		let buffered = '';
		child.stdout.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
				const line = JSON.parse(buffered.slice(0, nl));
				buffered = buffered.slice(nl + 1);
				if (line.ready) onReady();
				else resolve(line as FloodReport);
			}
		});
		child.on('exit', (code) => reject(new Error(`flooder exited ${code}`)));
	});
}

describe('Yjs presence cannot be used to flood other readers', () => {
	it('a second session from the address past its cap is refused, on socket.io too', async () => {
		const held = Array.from({ length: PER_SESSION }, () => open(f.cookies.m3));
		expect(await Promise.all(held.map(isOpen))).toEqual(Array(PER_SESSION).fill('open'));
		const more = Array.from({ length: PER_ADDRESS - PER_SESSION + 2 }, () =>
			open(f.cookies.secretary)
		);
		const outcomes = await Promise.all(more.map(isOpen));
		expect(outcomes.filter((o) => o === 'open')).toHaveLength(PER_ADDRESS - PER_SESSION);
		expect(outcomes.filter((o) => o !== 'open')).toEqual(
			Array(2).fill(`${CLOSE.tooManyConnections} errors.liveTooManyFromAddress`)
		);
		// socket.io counts in the same caps, and says why in the person's language.
		const refused = await connectAs(app.url, f.cookies.chair).then(
			(s) => (s.close(), null),
			(e: Error & { data?: { message?: string } }) => e
		);
		expect(refused?.message).toBe('too-many-connections');
		expect(refused?.data?.message).toMatch(/Quá nhiều kết nối/);
		for (const c of [...held, ...more]) c.ws.close();
		await Promise.all([...held, ...more].map(closeOf));
		await until(() => app.server.realtime.live.count(sessionIdOf(f.cookies.m3)) === 0);
		await until(() => app.server.realtime.live.count(sessionIdOf(f.cookies.secretary)) === 0);
		// Closed connections are no longer counted: the address may connect again.
		const again = open(f.cookies.secretary);
		expect(await isOpen(again)).toBe('open');
		again.ws.close();
		await closeOf(again);
	});

	it('one id per connection, capped states, no foreign removals, capped connections', async () => {
		const chair = observer(f.cookies.chair);
		await chair.client.ready;
		// An honest member's presence, through the real provider: the reader must see it.
		const m1 = provider(app.url, notes(), f.cookies.m1);
		await synced(m1.provider);
		m1.provider.awareness.setLocalStateField('criterion', '1.2');
		const m1Id = m1.doc.clientID;
		await until(() => chair.seen.states.has(m1Id));
		const before = chair.seen.bytes;
		await fetch(`${app.url}/healthz`); // the first fetch of a process loads its client

		// m2 may only read the notes: 25 connections flood states just under the cap (50 ids a
		// message, or one id as fast as they can) and remove m1's state. /healthz is asked
		// all the while.
		const healthz: number[] = [];
		let probing = false;
		let probes = Promise.resolve();
		const report = await flood(f.cookies.m2, m1Id, () => {
			probing = true;
			probes = (async () => {
				while (probing) {
					const started = performance.now();
					await fetch(`${app.url}/healthz`);
					healthz.push(performance.now() - started);
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
			})();
		});
		probing = false;
		await probes;

		expect(report.outcomes.filter((o) => o === 'open')).toHaveLength(PER_SESSION);
		expect(report.outcomes.filter((o) => o !== 'open')).toEqual(
			Array(5).fill(`${CLOSE.tooManyConnections} errors.liveTooManyForSession`)
		);
		// Many ids at once: closed 4403 at the first message. One id too often: closed 4429.
		const many = report.endings.filter((_, k) => k % 2 === 0);
		const often = report.endings.filter((_, k) => k % 2 === 1);
		expect(many).toEqual(Array(many.length).fill(`${CLOSE.forbidden} errors.livePresenceForeign`));
		expect(often).toEqual(
			Array(often.length).fill(`${CLOSE.rateLimited} errors.livePresenceTooFast`)
		);

		expect(chair.seen.bytes - before).toBeLessThan(1_000_000);
		// Generous: this runs on a shared machine, where one probe can wait on a busy core.
		healthz.sort((a, b) => a - b);
		expect(healthz.length).toBeGreaterThan(0);
		expect(healthz[Math.floor(healthz.length / 2)]).toBeLessThan(200);
		expect(healthz[healthz.length - 1]).toBeLessThan(1000);
		// At most one presence per connection of m2 ever reached the reader; m1's is intact.
		const foreign = [...chair.seen.states.keys()].filter((id) => id >= 1_000_000);
		expect(foreign.length).toBeLessThanOrEqual(PER_SESSION);
		expect(chair.seen.states.get(m1Id)).toMatchObject({ criterion: '1.2' });

		// A state over the cap closes its connection, and reaches nobody.
		const oversized = open(f.cookies.m3);
		await oversized.ready;
		oversized.send(awarenessFrame([[7, { junk: pad(MAX_AWARENESS_STATE_BYTES + 1) }]]));
		expect(await closeOf(oversized)).toBe(`${CLOSE.tooLarge} errors.livePresenceTooLarge`);
		expect(chair.seen.states.has(7)).toBe(false);

		// A late joiner gets the present states: one per connection, each under the cap.
		const late = observer(f.cookies.secretary);
		await late.client.ready;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(late.seen.bytes).toBeLessThan((PER_SESSION + 2) * (MAX_AWARENESS_STATE_BYTES + 300));
		m1.provider.destroy();
	});
});
