// Needs the build (BUILD_DIR, as for every test that spawns the app). Generated malformed
// payloads for every socket.io command in CLIENT_COMMANDS, sent by the person allowed to use
// it: every ack a refusal in Vietnamese, no change to the database, the server alive and
// serving another client. The per-connection token bucket is left as it is: each connection
// sends fewer commands than its burst, and a batch uses as many connections as it needs.
import fc from 'fast-check';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_BURST } from '../../server/socket';
import { CLIENT_COMMANDS } from '../../src/lib/protocol/commands';
import { ERROR_CODES } from '../../src/lib/protocol/socket';
import { useBuiltApp } from '../helpers/app-server';
import {
	casesOf,
	fuzzSeed,
	junkText,
	pool,
	stateFingerprint,
	vietnameseKey
} from '../helpers/fuzz';
import { seedFuzzFixture, type FuzzFixture, type FuzzPerson } from '../helpers/fuzz-fixture';
import {
	payloadArb,
	socketFuzzRegistry,
	wireOf,
	type CommandFuzz
} from './malformed-socket-payloads';

const seed = fuzzSeed('malformed-input-socket');
/** Commands per connection: under the burst, so the rate limit never answers for validation. */
const PER_CONNECTION = COMMAND_BURST - 20;
const ACK_MS = 10_000;
const app = useBuiltApp({ seed: seedFuzzFixture, releaseDb: true });
let f: FuzzFixture;
let probe: Socket;
const counts: Record<string, number> = {};

function connect(who: FuzzPerson): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = connectIo(app.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: app.url, cookie: f.cookies[who] },
			reconnection: false
		});
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

beforeAll(async () => {
	f = app.seeded;
	probe = await connect('m2');
	// Watching an item counts the member present (an arrival, written once): before any case, so
	// each case's own liveness check (stillServing) writes nothing.
	expect((await probe.timeout(ACK_MS).emitWithAck('scoring:watch', { itemId: f.itemId })).ok).toBe(
		true
	);
});

afterAll(async () => {
	probe?.close();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	console.log(`[fuzz] socket: ${Object.keys(counts).length} surfaces, ${total} emits`);
});

/** How the command is sent: with its ack, without one, with extra arguments, with nothing. */
type Shape = 'ack' | 'no-ack' | 'extra-args' | 'no-payload';
const shapeArb = fc.oneof(
	{ weight: 14, arbitrary: fc.constant<Shape>('ack') },
	{ weight: 2, arbitrary: fc.constant<Shape>('no-ack') },
	{ weight: 2, arbitrary: fc.constant<Shape>('extra-args') },
	{ weight: 1, arbitrary: fc.constant<Shape>('no-payload') }
);

const REFUSALS: readonly string[] = ERROR_CODES.filter(
	(c) => c !== 'internal' && c !== 'rate-limited'
);

/** Problems with one ack, or null: a refusal with a known code and a Vietnamese message. */
function checkAck(ack: unknown, mayBeOk = false): string | null {
	const a = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
	if (mayBeOk && a?.ok === true) return null;
	if (a?.ok !== false) return `not refused: ${JSON.stringify(ack).slice(0, 200)}`;
	if (!REFUSALS.includes(String(a.error?.code))) return `code ${String(a.error?.code)}`;
	return vietnameseKey(a.error?.message) ? null : `message ${String(a.error?.message)}`;
}

/** Sends `cases` as `who`, a fresh connection per PER_CONNECTION of them; returns problems. */
async function run(
	who: FuzzPerson,
	event: (i: number) => string,
	cases: { payload: unknown; shape: Shape; extra: unknown }[],
	mayBeOk: (payload: unknown) => boolean = () => false
): Promise<string[]> {
	const problems: string[] = [];
	const batches = Array.from({ length: Math.ceil(cases.length / PER_CONNECTION) }, (_, b) =>
		cases
			.slice(b * PER_CONNECTION, (b + 1) * PER_CONNECTION)
			.map((c, k) => ({ ...c, i: b * PER_CONNECTION + k }))
	);
	await pool(batches, 3, async (batch, b) => {
		// Every fifth connection is someone the command is not for: still refused, never a crash.
		const socket = await connect(b % 5 === 4 ? 'outsider' : who);
		let closed: string | null = null;
		socket.on('disconnect', (reason) => (closed = reason));
		await Promise.all(
			batch.map(async ({ payload, shape, extra, i }) => {
				const name = event(i);
				const timed = socket.timeout(ACK_MS);
				let ack: unknown;
				try {
					if (shape === 'no-ack') return void socket.emit(name, payload);
					if (shape === 'no-payload') ack = await timed.emitWithAck(name);
					else if (shape === 'extra-args') ack = await timed.emitWithAck(name, payload, extra);
					else ack = await timed.emitWithAck(name, payload);
				} catch (e) {
					ack = `no ack (${(e as Error).message}, disconnect: ${closed})`;
				}
				const problem = checkAck(ack, shape === 'ack' && mayBeOk(payload));
				if (problem && problems.length < 5)
					problems.push(
						`#${i} ${name} ${shape}: ${problem}\n  payload ${JSON.stringify(payload)?.slice(0, 300)}`
					);
			})
		);
		// The server reads a connection in order: once this is answered, every case before it was.
		const last: unknown = await socket
			.timeout(ACK_MS)
			.emitWithAck('sitting:leave', null)
			.catch((e: Error) => `no ack (${e.message}, disconnect: ${closed})`);
		if (checkAck(last)) problems.push(`the connection stopped answering: ${JSON.stringify(last)}`);
		socket.close();
	});
	return problems;
}

const MESSAGE_LIMIT = 64 * 1024;

/** Bytes of one command on the wire, as JSON (a Buffer travels as a binary attachment). */
function messageBytes(name: string, c: { payload: unknown; shape: Shape; extra: unknown }): number {
	const args = c.shape === 'extra-args' ? [name, c.payload, c.extra] : [name, c.payload];
	return Buffer.byteLength(JSON.stringify(wireOf(args)));
}

async function stillServing(): Promise<void> {
	expect(app.app.child.exitCode, app.app.output().slice(-2000)).toBeNull();
	expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
	const ack = await probe.timeout(ACK_MS).emitWithAck('scoring:watch', { itemId: f.itemId });
	expect(ack.ok, JSON.stringify(ack)).toBe(true);
}

describe('malformed socket.io commands', () => {
	it('has a generator for every command in CLIENT_COMMANDS', () => {
		expect(Object.keys(socketFuzzRegistry(f)).sort()).toEqual([...CLIENT_COMMANDS].sort());
	});

	it.each([...CLIENT_COMMANDS])('%s', { timeout: 120_000 }, async (name) => {
		const c: CommandFuzz = socketFuzzRegistry(f)[name];
		expect(c, `no generator for ${name}`).toBeDefined();
		const arb = fc.record({ payload: payloadArb(c, f.realIds), shape: shapeArb, extra: junkText });
		const cases = casesOf(arb, seed, name);
		// Over 64 KiB the server closes the connection (the last test here): a generated case that
		// big would make every case after it on its connection read as unanswered.
		const oversized = cases.filter((c) => messageBytes(name, c) >= MESSAGE_LIMIT);
		expect(oversized.length, `FUZZ_SEED=${seed}`).toBe(0);
		const before = stateFingerprint(f.dbFile);
		const wellFormed = (p: unknown) => !!c.idempotent && c.schema.safeParse(wireOf(p)).success;
		const problems = await run(c.as, () => name, cases, wellFormed);
		counts[name] = cases.length;
		await stillServing();
		expect(problems, `${name} (FUZZ_SEED=${seed})`).toEqual([]);
		expect(stateFingerprint(f.dbFile), `${name} changed the database`).toEqual(before);
		console.log(`[fuzz] socket ${name}: ${cases.length} cases`);
	});

	it('refuses unknown command names, with or without an ack', { timeout: 120_000 }, async () => {
		const reserved = [
			'connect',
			'connect_error',
			'disconnect',
			'disconnecting',
			'newListener',
			'removeListener'
		];
		const names = fc
			.oneof(
				junkText,
				fc.constantFrom('__proto__', 'constructor', 'toString', 'item:delete', 'SITTING:JOIN')
			)
			.filter((n) => !(CLIENT_COMMANDS as readonly string[]).includes(n) && !reserved.includes(n));
		const arb = fc.record({
			name: names,
			payload: fc.anything({ maxDepth: 2 }),
			shape: shapeArb,
			extra: junkText
		});
		const cases = casesOf(arb, seed, 'unknown');
		const before = stateFingerprint(f.dbFile);
		const problems = await run('m1', (i) => cases[i].name, cases);
		counts['(unknown names)'] = cases.length;
		await stillServing();
		expect(problems, `FUZZ_SEED=${seed}`).toEqual([]);
		expect(stateFingerprint(f.dbFile)).toEqual(before);
	});

	it('closes a connection whose message is over the size limit, and only that one', async () => {
		const socket = await connect('m1');
		const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		socket.emit('chat:send', { sittingId: f.sittingId, text: 'x'.repeat(80 * 1024) });
		expect(await gone).toMatch(/transport (close|error)/);
		await stillServing();
	});
});
