import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import { startAppServer, type AppServer } from '../../server/app-server';
import type { Board, BoardProgressEvent } from '../../src/lib/protocol/scoring-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { makeTestContext, type TestContext } from '../helpers/context';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { provider, synced } from './yjs-helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
let ctx: TestContext;
let server: AppServer;
let f: ScoringFixture;
const sockets: Client[] = [];
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
	ctx = makeTestContext();
	server = await startAppServer(ctx, { port: 0, host: '127.0.0.1' });
	f = seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now());
});
afterAll(async () => {
	for (const s of sockets) s.close();
	for (const p of providers) p.destroy();
	await server.close();
	ctx.cleanup();
});

async function watcher(who: Person) {
	const s: Client = connectIo(server.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: server.url, cookie: f.cookies[who] },
		reconnection: false
	});
	sockets.push(s);
	const seen: string[] = [];
	s.onAny((event) => seen.push(event));
	await new Promise((resolve) => s.once('connect', () => resolve(null)));
	const ack = await s.timeout(5000).emitWithAck('scoring:watch', { itemId: f.itemId });
	const first = ack.ok ? ((ack.data as { board?: Board }).board ?? null) : null;
	return { s, seen, first };
}

const next = <T>(s: Client, event: 'board:update' | 'board:progress', pick: (v: T) => boolean) =>
	new Promise<T>((resolve) => {
		const on = (v: T) => {
			if (!pick(v)) return;
			s.off(event, on as never);
			resolve(v);
		};
		s.on(event, on as never);
	});

describe('the chair’s board follows live; members see only counts', () => {
	it('draft ticks reach the staff as progress, submits as the full board', async () => {
		const chair = await watcher('chair');
		// Before any card the board already says whether the sitting is quorate.
		expect(chair.first?.submitted).toBe(0);
		expect(chair.first?.quorum).toMatchObject({
			members: expect.any(Number),
			required: expect.any(Number)
		});
		expect(chair.first?.quorum?.members).toBeGreaterThan(0);
		const secretary = await watcher('secretary');
		const m2 = await watcher('m2');
		const progress = next<BoardProgressEvent>(chair.s, 'board:progress', (e) =>
			e.members.some((m) => m.userId === f.ids.m1 && m.answered === 2)
		);
		const m1 = provider(server.url, cardDocName(f.itemId, f.ids.m1), f.cookies.m1);
		providers.push(m1.provider);
		await synced(m1.provider);
		m1.doc.getMap('choices').set('1.1', 0);
		m1.doc.getMap('choices').set('1.2', 0);
		await progress;

		const full = card();
		const board = next<Board>(secretary.s, 'board:update', (b) => b.submitted === 1);
		const counted = new Promise((resolve) => m2.s.once('scoring:progress', resolve));
		const m1socket = await watcher('m1');
		const ack = await m1socket.s
			.timeout(5000)
			.emitWithAck('score:submit', { itemId: f.itemId, choices: full });
		expect(ack.ok).toBe(true);
		const b = await board;
		const row = b.members.find((m) => m.userId === f.ids.m1)!;
		// Progress counts the live draft (2 ticks here); the submitted card is what enters the figures.
		expect(row).toMatchObject({ submitted: true, connected: true, answered: 2, total: 32 });
		expect(b.provisional?.average).toBe(row.cardTotal);
		expect(b.members.find((m) => m.userId === f.ids.recused)?.recused).toBe(true);
		expect(await counted).toEqual({ itemId: f.itemId, round: 1, submitted: 1, eligible: 4 });
		expect(m2.seen.filter((e) => e.startsWith('board:'))).toEqual([]);
	});
});
