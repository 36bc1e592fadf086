import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { applyBoardFrame } from '../../src/lib/client/board-frames';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { BOARD_NOTES_KEY, boardDocName, cardDocName } from '../../src/lib/protocol/yjs-docs';
import { conflicts } from '../../src/lib/server/db/schema';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { provider, synced, until, wsBase } from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const open: { destroy(): void }[] = [];

beforeAll(() => {
	f = app.seeded;
});
afterEach(() => {
	for (const c of open.splice(0)) c.destroy();
});

/** A board connection as the board page opens it, keeping every document it is sent. */
function board(who: Person, itemId = f.itemId) {
	const ws = new WebSocket(`${wsBase(app.url)}/${boardDocName(itemId)}`, {
		headers: { origin: app.url, cookie: f.cookies[who] }
	});
	ws.on('error', () => undefined);
	const docs = new Map<string, Y.Doc>();
	const keys: string[] = [];
	ws.on('message', (data: Buffer) => {
		const key = applyBoardFrame(docs, new Uint8Array(data));
		if (key) keys.push(key);
	});
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	open.push({ destroy: () => ws.close() });
	return { ws, docs, keys, closed };
}

function card(who: Person) {
	const c = provider(app.url, cardDocName(f.itemId, f.ids[who]), f.cookies[who]);
	open.push(c.provider as WebsocketProvider);
	return c;
}

const choices = (docs: Map<string, Y.Doc>, userId: string) =>
	docs.get(userId)?.getMap('choices').toJSON();

describe('the board stream: every card of an item over one read-only connection', () => {
	it('the chair gets every eligible card whole, then each tick as it is committed', async () => {
		const m1 = card('m1');
		await synced(m1.provider);
		m1.doc.getMap('choices').set('1.1', 2);
		await until(() => m1.provider.wsconnected);
		const chair = board('chair');
		// Whole documents first: one per voting, non-recused member, plus the notes.
		await until(() => choices(chair.docs, f.ids.m1)?.['1.1'] === 2);
		const eligible = [f.ids.chair, f.ids.m1, f.ids.m2, f.ids.m3];
		await until(() => eligible.every((id) => chair.docs.has(id)));
		expect(chair.docs.has(BOARD_NOTES_KEY)).toBe(true);
		expect(chair.docs.has(f.ids.recused)).toBe(false);
		expect(chair.docs.has(f.ids.secretary)).toBe(false);
		// Then every tick, from any member, on the same socket.
		const m2 = card('m2');
		await synced(m2.provider);
		m2.doc.getMap('choices').set('2.1', 1);
		m1.doc.getMap('choices').set('1.1', 0);
		await until(() => choices(chair.docs, f.ids.m2)?.['2.1'] === 1);
		await until(() => choices(chair.docs, f.ids.m1)?.['1.1'] === 0);
	});

	it('the secretary watches too; members, the recused and outsiders are refused', async () => {
		const secretary = board('secretary');
		await until(() => secretary.docs.has(BOARD_NOTES_KEY));
		for (const who of ['m1', 'recused', 'outsider'] as const)
			expect(await board(who).closed).toBe(CLOSE.forbidden);
		expect(await board('chair', 'no-such-item').closed).toBe(CLOSE.notFound);
	});

	it('a watcher that sends anything is closed, and nothing it sent is applied', async () => {
		const chair = board('chair');
		await until(() => chair.docs.has(BOARD_NOTES_KEY));
		const d = new Y.Doc();
		d.getMap('choices').set('9.9', 1);
		chair.ws.send(Y.encodeStateAsUpdate(d));
		expect(await chair.closed).toBe(CLOSE.forbidden);
		const again = board('chair');
		await until(() => again.docs.has(f.ids.m1));
		expect(choices(again.docs, f.ids.m1)?.['9.9']).toBeUndefined();
	});

	it('a chair who becomes recused stops receiving cards', async () => {
		const chair = board('chair');
		await until(() => chair.docs.has(f.ids.m1));
		app.db
			.insert(conflicts)
			.values({
				itemId: f.itemId,
				userId: f.ids.chair,
				reason: 'x',
				declaredBy: f.ids.chair,
				at: app.ctx.now()
			})
			.run();
		try {
			const m1 = card('m1');
			await synced(m1.provider);
			// Access is re-read at most once a second while updates flow; keep ticking until then.
			let k = 0;
			const ticking = setInterval(() => m1.doc.getMap('choices').set('3.1', k++ % 3), 100);
			const code = await chair.closed.finally(() => clearInterval(ticking));
			expect(code).toBe(CLOSE.forbidden);
		} finally {
			app.db
				.delete(conflicts)
				.where(and(eq(conflicts.itemId, f.itemId), eq(conflicts.userId, f.ids.chair)))
				.run();
		}
	});
});
