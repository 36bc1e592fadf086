import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COMPACT_AFTER_ROWS } from '../../server/yjs/store';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { cardDocName, notesDocName } from '../../src/lib/protocol/yjs-docs';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, setItemState, type ScoringFixture } from './scoring-fixture';
import {
	choiceUpdate,
	provider,
	rawClient,
	storedDoc,
	synced,
	syncUpdateFrame,
	until
} from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const open: WebsocketProvider[] = [];

beforeAll(() => {
	f = app.seeded;
});
afterEach(() => {
	for (const p of open.splice(0)) p.destroy();
	setItemState(app.db, f.itemId, 'scoring');
});

function connect(doc: string, who: keyof ScoringFixture['cookies']) {
	const c = provider(app.url, doc, f.cookies[who]);
	open.push(c.provider);
	return c;
}

describe('the Yjs endpoint authorises every document', () => {
	it('the owner writes their card; the chair and the secretary read it live', async () => {
		const name = cardDocName(f.itemId, f.ids.m1);
		const m1 = connect(name, 'm1');
		const chair = connect(name, 'chair');
		const secretary = connect(name, 'secretary');
		await Promise.all([synced(m1.provider), synced(chair.provider), synced(secretary.provider)]);
		m1.doc.getMap('choices').set('1.1', 2);
		m1.doc.getMap('choices').set('1.1', 1); // an overwrite: the delete set is no longer empty
		await until(() => chair.doc.getMap('choices').get('1.1') === 1);
		await until(() => secretary.doc.getMap('choices').get('1.1') === 1);
		expect(storedDoc(app.db, name).getMap('choices').toJSON()).toEqual({ '1.1': 1 });
		// A reader that reconnects answers sync step 1 with the delete set: it is not closed.
		const late = connect(name, 'chair');
		await synced(late.provider);
		expect(late.doc.getMap('choices').get('1.1')).toBe(1);
		// Still connected after its step 2: it receives the next tick.
		m1.doc.getMap('choices').set('1.2', 0);
		await until(() => late.doc.getMap('choices').get('1.2') === 0);
		expect(late.provider.wsconnected).toBe(true);
	});

	it("member A cannot open member B's card: closed 4403", async () => {
		const c = rawClient(app.url, cardDocName(f.itemId, f.ids.m1), f.cookies.m2);
		expect(await c.closed).toBe(CLOSE.forbidden);
	});

	it('a recused member reads neither the cards nor the notes', async () => {
		const card = rawClient(app.url, cardDocName(f.itemId, f.ids.m1), f.cookies.recused);
		const notes = rawClient(app.url, notesDocName(f.itemId), f.cookies.recused);
		const own = rawClient(app.url, cardDocName(f.itemId, f.ids.recused), f.cookies.recused);
		expect(await card.closed).toBe(CLOSE.forbidden);
		expect(await notes.closed).toBe(CLOSE.forbidden);
		expect(await own.closed).toBe(CLOSE.forbidden);
	});

	it('nobody outside the council connects, and unknown names are 4404', async () => {
		const notes = rawClient(app.url, notesDocName(f.itemId), f.cookies.outsider);
		expect(await notes.closed).toBe(CLOSE.forbidden);
		const bad = rawClient(app.url, 'card/only-one-part', f.cookies.chair);
		expect(await bad.closed).toBe(CLOSE.notFound);
		const noItem = rawClient(app.url, notesDocName('nope'), f.cookies.chair);
		expect(await noItem.closed).toBe(CLOSE.notFound);
	});

	it('a read-only connection that sends an update is closed and nothing changes', async () => {
		const name = cardDocName(f.itemId, f.ids.m2);
		const before = storedDoc(app.db, name).getMap('choices').toJSON();
		const chair = rawClient(app.url, name, f.cookies.chair);
		await chair.ready;
		chair.send(syncUpdateFrame(choiceUpdate('1.1', 0)));
		expect(await chair.closed).toBe(CLOSE.forbidden);
		const step2 = rawClient(app.url, name, f.cookies.secretary);
		await step2.ready;
		step2.send(syncUpdateFrame(choiceUpdate('1.2', 0), 1));
		expect(await step2.closed).toBe(CLOSE.forbidden);
		expect(storedDoc(app.db, name).getMap('choices').toJSON()).toEqual(before);
	});

	it('a locked card refuses its own owner: closed 4403, state unchanged', async () => {
		const name = cardDocName(f.itemId, f.ids.m3);
		const m3 = rawClient(app.url, name, f.cookies.m3);
		await m3.ready;
		m3.send(syncUpdateFrame(choiceUpdate('1.1', 1)));
		await until(() => storedDoc(app.db, name).getMap('choices').get('1.1') === 1);
		setItemState(app.db, f.itemId, 'closed');
		m3.send(syncUpdateFrame(choiceUpdate('1.1', 0)));
		expect(await m3.closed).toBe(CLOSE.forbidden);
		expect(storedDoc(app.db, name).getMap('choices').toJSON()).toEqual({ '1.1': 1 });
		// The owner may still read the locked card.
		const again = rawClient(app.url, name, f.cookies.m3);
		await again.ready;
		again.ws.close();
	});

	it('malformed and oversized frames are refused without hurting the server', async () => {
		const name = cardDocName(f.itemId, f.ids.m1);
		const bad = rawClient(app.url, name, f.cookies.m1);
		await bad.ready;
		bad.send(new Uint8Array([0, 2, 200, 200, 200, 1]));
		expect(await bad.closed).toBe(CLOSE.badMessage);
		const big = rawClient(app.url, name, f.cookies.m1);
		await big.ready;
		big.send(new Uint8Array(300 * 1024));
		expect(await big.closed).toBe(1009);
		const ok = connect(name, 'm1');
		await synced(ok.provider);
	});

	it('awareness carries the session identity, whatever the client claims', async () => {
		const name = notesDocName(f.itemId);
		const m1 = connect(name, 'm1');
		const chair = connect(name, 'chair');
		await Promise.all([synced(m1.provider), synced(chair.provider)]);
		m1.provider.awareness.setLocalStateField('user', { id: f.ids.chair, name: 'Chủ tịch giả' });
		m1.provider.awareness.setLocalStateField('criterion', '1.2');
		await until(
			() => chair.provider.awareness.getStates().get(m1.doc.clientID)?.criterion === '1.2'
		);
		const seen = chair.provider.awareness.getStates().get(m1.doc.clientID);
		expect(seen?.user).toEqual({ id: f.ids.m1, name: 'Người m1' });
	});

	it('notes are shared by the council while the item is live', async () => {
		const name = notesDocName(f.itemId);
		const m1 = connect(name, 'm1');
		const m2 = connect(name, 'm2');
		await Promise.all([synced(m1.provider), synced(m2.provider)]);
		const text = new (await import('yjs')).Text();
		m1.doc.getMap('notes').set('1.1', text);
		text.insert(0, 'Thiếu giấy chứng nhận');
		await until(() => m2.doc.getMap('notes').get('1.1')?.toString() === 'Thiếu giấy chứng nhận');
	});

	it('the log is compacted as it grows, and a document has a size cap', async () => {
		const name = cardDocName(f.itemId, f.ids.m2);
		const m2 = connect(name, 'm2');
		await synced(m2.provider);
		for (let i = 0; i < 450; i++) m2.doc.getMap('choices').set('1.1', i % 3);
		const rows = () =>
			app.db.$client.prepare('select count(*) as n from yjs_updates where doc = ?').get(name) as {
				n: number;
			};
		await until(() => storedDoc(app.db, name).getMap('choices').get('1.1') === 449 % 3);
		expect(rows().n).toBeLessThanOrEqual(COMPACT_AFTER_ROWS + 1);

		// The secretary: a member's own share of the notes ends sooner (notes-writer-share.test.ts).
		const notes = rawClient(app.url, notesDocName(f.itemId), f.cookies.secretary);
		await notes.ready;
		const big = () => {
			const d = new Y.Doc();
			d.getText('x').insert(0, 'a'.repeat(200 * 1024));
			return Y.encodeStateAsUpdate(d);
		};
		for (let i = 0; i < 12 && notes.ws.readyState === notes.ws.OPEN; i++)
			notes.send(syncUpdateFrame(big()));
		expect(await notes.closed).toBe(CLOSE.tooLarge);
	});
});
