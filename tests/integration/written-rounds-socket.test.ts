// The written round's rules over the real socket.io server the scorecard uses: the window and
// the membership are checked by the server on `score:submit`, and the chair's `item:close` is
// refused for a written item, with the message in Vietnamese. The card itself (the Yjs document
// the browser edits over /yjs/) takes edits only within the window.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { translator } from '../../src/lib/i18n';
import { CLOSE, CLOSE_MESSAGE_KEYS } from '../../src/lib/protocol/close-codes';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { scorecards, writtenRounds } from '../../src/lib/server/db/schema';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import {
	choiceUpdate,
	provider,
	rawClient,
	storedDoc,
	synced,
	syncUpdateFrame,
	until
} from './yjs-helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const sockets: Client[] = [];

beforeAll(() => {
	f = app.seeded;
	// The clock stays at 29/11/2026 08:00 in Việt Nam (sessions would expire if it ran on a
	// day); the window moves around it instead.
	app.db
		.insert(writtenRounds)
		.values({
			sittingId: f.sittingId,
			opensOn: '2026-11-30',
			closesOn: '2026-12-02',
			openedBy: f.ids.secretary,
			createdAt: app.ctx.now()
		})
		.run();
});
const providers: { destroy(): void }[] = [];
afterAll(async () => {
	for (const p of providers) p.destroy();
	for (const s of sockets) s.close();
});

async function as(who: Person): Promise<Client> {
	const s: Client = connectIo(app.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: app.url, cookie: f.cookies[who] },
		reconnection: false
	});
	sockets.push(s);
	await new Promise((resolve) => s.once('connect', () => resolve(null)));
	return s;
}

const submit = async (who: Person) =>
	(await as(who)).timeout(5000).emitWithAck('score:submit', { itemId: f.itemId });
const moveWindow = (opensOn: string, closesOn: string) =>
	app.db
		.update(writtenRounds)
		.set({ opensOn, closesOn })
		.where(eq(writtenRounds.sittingId, f.sittingId))
		.run();
const stored = () => app.db.select().from(scorecards).where(eq(scorecards.itemId, f.itemId)).all();

describe('written opinion over the socket', () => {
	it('refuses a card the day before the window, in Vietnamese, and stores nothing', async () => {
		const ack = await submit('m1');
		expect(ack.ok).toBe(false);
		if (!ack.ok) {
			expect(ack.error.code).toBe('wrong-state');
			expect(ack.error.message).toContain('Ngoài thời hạn lấy ý kiến bằng văn bản');
			expect(ack.error.details).toEqual({ opensOn: '2026-11-30', closesOn: '2026-12-02' });
		}
		expect(stored()).toEqual([]);
	});

	it("takes a member's card inside the window, and refuses outsiders and the non-voting", async () => {
		moveWindow('2026-11-29', '2026-12-01'); // today is its first day
		expect((await submit('m1')).ok).toBe(true);
		const outsider = await submit('outsider');
		expect(outsider.ok ? null : outsider.error.code).toBe('forbidden');
		const secretary = await submit('secretary');
		expect(secretary.ok ? null : secretary.error.code).toBe('forbidden');
		expect(stored().map((c) => c.userId)).toEqual([f.ids.m1]);
	});

	it("refuses the chair's close: the round decides", async () => {
		const chair = await as('chair');
		const ack = await chair.timeout(5000).emitWithAck('item:close', { itemId: f.itemId });
		expect(ack.ok).toBe(false);
		if (!ack.ok) expect(ack.error.message).toContain('lấy ý kiến bằng văn bản');
	});

	it('refuses a card the day after the window', async () => {
		moveWindow('2026-11-26', '2026-11-28'); // it ended yesterday
		const ack = await submit('m2');
		expect(ack.ok ? null : ack.error.code).toBe('wrong-state');
		expect(stored().map((c) => c.userId)).toEqual([f.ids.m1]);
	});
});

describe('drafting the card over Yjs, only within the window', () => {
	const card = () => cardDocName(f.itemId, f.ids.m3);
	const choices = () => storedDoc(app.db, card()).getMap('choices').toJSON();

	async function editRaw(): Promise<number> {
		const c = rawClient(app.url, card(), f.cookies.m3);
		await c.ready; // the card stays readable outside the window
		c.send(syncUpdateFrame(choiceUpdate('1.1', 2)));
		return c.closed;
	}

	it('refuses an edit before the window opens, says why, and stores nothing', async () => {
		moveWindow('2026-11-30', '2026-12-02'); // opens tomorrow
		expect(await editRaw()).toBe(CLOSE.outsideWindow);
		expect(choices()).toEqual({});
		const said = translator('vi')(CLOSE_MESSAGE_KEYS[CLOSE.outsideWindow]);
		expect(said).toContain('Ngoài thời hạn lấy ý kiến bằng văn bản');
		expect(translator('en')(CLOSE_MESSAGE_KEYS[CLOSE.outsideWindow])).toContain(
			'Outside the written-opinion window'
		);
	});

	it('refuses an edit after the window closed', async () => {
		moveWindow('2026-11-26', '2026-11-28'); // ended yesterday
		expect(await editRaw()).toBe(CLOSE.outsideWindow);
		expect(choices()).toEqual({});
	});

	it('takes edits inside the window, and refuses the same open card once the window ends', async () => {
		moveWindow('2026-11-29', '2026-12-01'); // today is its first day
		const c = rawClient(app.url, card(), f.cookies.m3);
		await c.ready;
		c.send(syncUpdateFrame(choiceUpdate('1.1', 1)));
		await until(() => choices()['1.1'] === 1);
		// The round closes while the member still has the card open: the next edit is refused.
		moveWindow('2026-11-26', '2026-11-28');
		c.send(syncUpdateFrame(choiceUpdate('1.2', 1)));
		expect(await c.closed).toBe(CLOSE.outsideWindow);
		expect(choices()).toEqual({ '1.1': 1 });
	});

	it('the browser’s own provider is told, and its edit is not kept', async () => {
		moveWindow('2026-11-30', '2026-12-02');
		const { provider: p, doc } = provider(app.url, card(), f.cookies.m3);
		providers.push(p);
		const codes: number[] = [];
		p.on('connection-close', (e) => {
			if (e) codes.push(e.code);
		});
		await synced(p);
		doc.getMap('choices').set('3.1', 1);
		await until(() => codes.length > 0);
		expect(codes[0]).toBe(CLOSE.outsideWindow);
		p.disconnect();
		expect(choices()['3.1']).toBeUndefined();
	});

	it('a sitting that is not written keeps its cards writable (the window is not applied)', async () => {
		app.db.delete(writtenRounds).where(eq(writtenRounds.sittingId, f.sittingId)).run();
		const c = rawClient(app.url, card(), f.cookies.m3);
		await c.ready;
		c.send(syncUpdateFrame(choiceUpdate('2.1', 1)));
		await until(() => choices()['2.1'] === 1);
		c.ws.close();
	});
});
