import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { applyBoardFrame } from '../../src/lib/client/board-frames';
import type { Board } from '../../src/lib/protocol/scoring-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { answeredOnCard, boardDocName, cardDocName } from '../../src/lib/protocol/yjs-docs';
import { scorecards } from '../../src/lib/server/db/schema';
import { useAppServer } from '../helpers/app-server';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { provider, synced, until, wsBase } from './yjs-helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const sockets: Client[] = [];
const providers: WebsocketProvider[] = [];

beforeAll(() => {
	f = app.seeded;
});
afterAll(() => {
	for (const s of sockets) s.close();
	for (const p of providers) p.destroy();
});

async function watcher(who: Person) {
	const s: Client = connectIo(app.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: app.url, cookie: f.cookies[who] },
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

/** The board page's draft stream (`board/<itemId>`): every card of the item, read-only. */
function draftStream(who: Person) {
	const ws = new WebSocket(`${wsBase(app.url)}/${boardDocName(f.itemId)}`, {
		headers: { origin: app.url, cookie: f.cookies[who] }
	});
	ws.on('error', () => undefined);
	const docs = new Map<string, Y.Doc>();
	ws.on('message', (data: Buffer) => void applyBoardFrame(docs, new Uint8Array(data)));
	providers.push({ destroy: () => ws.close() } as WebsocketProvider);
	return docs;
}

const next = <T>(s: Client, event: 'board:update', pick: (v: T) => boolean) =>
	new Promise<T>((resolve) => {
		const on = (v: T) => {
			if (!pick(v)) return;
			s.off(event, on as never);
			resolve(v);
		};
		s.on(event, on as never);
	});

describe('the chair’s board follows live; members see only counts', () => {
	it('draft ticks reach the staff over the Yjs stream only, submits as the full board', async () => {
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
		const drafts = draftStream('chair');
		const m1 = provider(app.url, cardDocName(f.itemId, f.ids.m1), f.cookies.m1);
		providers.push(m1.provider);
		await synced(m1.provider);
		m1.doc.getMap('choices').set('1.1', 0);
		m1.doc.getMap('choices').set('1.2', 0);
		// The count the board page shows, from the one function the server's board uses too.
		await until(() => {
			const draft = drafts.get(f.ids.m1);
			return !!draft && answeredOnCard(draft) === 2;
		});

		// The member completes the card; the stream shows it whole once the server holds it.
		const full = card();
		m1.doc.transact(() => {
			for (const [code, option] of Object.entries(full)) m1.doc.getMap('choices').set(code, option);
		});
		const leafCount = Object.keys(full).length;
		await until(() => answeredOnCard(drafts.get(f.ids.m1)!) === leafCount);

		const board = next<Board>(secretary.s, 'board:update', (b) => b.submitted === 1);
		const counted = new Promise((resolve) => m2.s.once('scoring:progress', resolve));
		const m1socket = await watcher('m1');
		const ack = await m1socket.s
			.timeout(5000)
			// A client that still sends choices has them ignored: the card is what is recorded.
			.emitWithAck('score:submit', { itemId: f.itemId, choices: card(6) } as never);
		expect(ack.ok).toBe(true);
		const b = await board;
		const row = b.members.find((m) => m.userId === f.ids.m1)!;
		// Progress counts the live draft; the submitted card (that same draft) enters the figures.
		expect(row).toMatchObject({ submitted: true, connected: true, answered: 32, total: 32 });
		expect(b.provisional?.average).toBe(row.cardTotal);
		expect(b.members.find((m) => m.userId === f.ids.recused)?.recused).toBe(true);
		expect(await counted).toEqual({ itemId: f.itemId, round: 1, submitted: 1, eligible: 4 });
		expect(m2.seen.filter((e) => e.startsWith('board:'))).toEqual([]);
		// Drafts travel over Yjs only: no socket.io message carries them to the staff.
		expect(chair.seen).not.toContain('board:progress');
		expect(secretary.seen).not.toContain('board:progress');
		const stored = app.db
			.select({ choices: scorecards.choices })
			.from(scorecards)
			.where(and(eq(scorecards.itemId, f.itemId), eq(scorecards.userId, f.ids.m1)))
			.get();
		expect(stored?.choices).toEqual(full);
	});
});
