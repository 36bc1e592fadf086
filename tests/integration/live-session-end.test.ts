// A session that ends takes its live connections with it: sign-out, a password change made in
// another session, an account disabled by an administrator, and expiry. Real socket.io and Yjs
// clients against a real server and SQLite file; what is sent after the end must change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { setAccountDisabled, setPassword } from '../../src/lib/server/accounts';
import {
	SESSION_COOKIE,
	createSession,
	hashToken,
	invalidateSession
} from '../../src/lib/server/auth/session';
import { meetingChat, sessions } from '../../src/lib/server/db/schema';
import { useAppServer } from '../helpers/app-server';
import { command, connectAs, type Client } from '../helpers/recusal-world';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';
import {
	choiceUpdate,
	provider,
	rawClient,
	storedDoc,
	syncUpdateFrame,
	synced,
	wsBase,
	type RawClient
} from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now()),
	perTest: true
});
let f: ScoringFixture;
const cleanup: (() => void)[] = [];

beforeEach(() => {
	f = app.seeded;
});
afterEach(() => {
	for (const c of cleanup.splice(0)) c();
});

const sessionIdOf = (cookie: string) => hashToken(cookie.slice(`${SESSION_COOKIE}=`.length));
const card = () => cardDocName(f.itemId, f.ids.m1);

interface Live {
	socket: Client;
	/** Sends after the end (the update must not land). */
	yjs: RawClient;
	/** Sends nothing: only the end event (or the sweep) can close it. */
	quiet: RawClient;
	/** When the socket.io client saw its disconnect, and the quiet Yjs client its close. */
	ended: Promise<{ socketAt: number; quietAt: number; quietCode: number }>;
}

/** A person in the sitting: socket.io joined, and a Yjs connection to a card (m1's). */
async function goLive(cookie: string, doc = card()): Promise<Live> {
	const socket = await connectAs(app.url, cookie);
	cleanup.push(() => socket.close());
	expect((await command(socket, 'sitting:join', { sittingId: f.sittingId })).ok).toBe(true);
	const yjs = rawClient(app.url, doc, cookie);
	const quiet = rawClient(app.url, doc, cookie);
	cleanup.push(() => (yjs.ws.terminate(), quiet.ws.terminate()));
	await Promise.all([yjs.ready, quiet.ready]);
	const socketAt = new Promise<number>((resolve) =>
		socket.once('disconnect', () => resolve(Date.now()))
	);
	const quietAt = quiet.closed.then((code) => ({ quietAt: Date.now(), quietCode: code }));
	const ended = Promise.all([socketAt, quietAt]).then(([at, q]) => ({ socketAt: at, ...q }));
	return { socket, yjs, quiet, ended };
}

/** The chair, watching m1's card and the sitting's chat. */
async function chairWatching(cookie = f.cookies.chair) {
	const socket = await connectAs(app.url, cookie);
	cleanup.push(() => socket.close());
	await command(socket, 'sitting:join', { sittingId: f.sittingId });
	const chats: string[] = [];
	socket.on('sitting:chat', (e) => chats.push(e.message.text));
	const c = provider(app.url, card(), cookie);
	cleanup.push(() => c.provider.destroy());
	await synced(c.provider);
	return { socket, doc: c.doc, chats };
}

/** A card update on the old Yjs connection, sent before its close can reach the client. */
function sendAfterEnd(live: Live): void {
	live.yjs.send(syncUpdateFrame(choiceUpdate('1.1', 2)));
}

/**
 * Nothing was sent on the socket.io and quiet connections: the end event alone closed them, well
 * before the live sessions' 5 s recheck and 30 s sweep could have (3 s, not 1: a busy CI machine).
 */
async function expectClosedByTheEnd(live: Live, since: number) {
	const { socketAt, quietAt, quietCode } = await live.ended;
	expect(socketAt - since).toBeLessThan(3000);
	expect(quietAt - since).toBeLessThan(3000);
	expect(quietCode).toBe(CLOSE.unauthorized);
	expect(await live.yjs.closed).toBe(CLOSE.unauthorized);
}

async function expectNothingLanded(chair: Awaited<ReturnType<typeof chairWatching>>) {
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(storedDoc(app.db, card()).getMap('choices').get('1.1')).toBeUndefined();
	expect(chair.doc.getMap('choices').get('1.1')).toBeUndefined();
	expect(chair.chats).toEqual([]);
	const stored = app.db.select().from(meetingChat).where(eq(meetingChat.userId, f.ids.m1)).all();
	expect(stored).toEqual([]);
}

/** What a client holding the old cookie gets when it reconnects. */
async function reconnectOutcome(cookie: string) {
	const socket = await connectAs(app.url, cookie).then(
		(s) => (s.close(), 'connected'),
		(e: Error) => `refused: ${e.message}`
	);
	const yjs = await new Promise<string>((resolve) => {
		const ws = new WebSocket(`${wsBase(app.url)}/${card()}`, {
			headers: { origin: app.url, cookie }
		});
		ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
		ws.on('open', () => (ws.close(), resolve('opened')));
		ws.on('error', () => undefined);
	});
	return { socket, yjs };
}

const REFUSED = { socket: 'refused: unauthorized', yjs: 'http 401' };

describe('ending a session closes its live connections', () => {
	it('sign-out: closed within a second, and nothing sent after lands', async () => {
		const chair = await chairWatching();
		const m1 = await goLive(f.cookies.m1);
		const since = Date.now();
		invalidateSession(app.db, sessionIdOf(f.cookies.m1), app.server.realtime.effects); // as /logout
		sendAfterEnd(m1);
		await expectClosedByTheEnd(m1, since);
		await expectNothingLanded(chair);
		expect(await reconnectOutcome(f.cookies.m1)).toEqual(REFUSED);
		expect(chair.socket.connected).toBe(true);
	});

	it('a password change in another session closes this one; the new session works', async () => {
		const chair = await chairWatching();
		const m1 = await goLive(f.cookies.m1);
		const since = Date.now();
		await setPassword(
			app.db,
			f.ids.m1,
			'mat-khau-moi-2026',
			app.ctx.now(),
			app.server.realtime.effects
		);
		const fresh = createSession(app.db, f.ids.m1, app.ctx.sessionPolicy, app.ctx.now()); // that device
		sendAfterEnd(m1);
		await expectClosedByTheEnd(m1, since);
		await expectNothingLanded(chair);
		expect(await reconnectOutcome(f.cookies.m1)).toEqual(REFUSED);
		const again = await goLive(`${SESSION_COOKIE}=${fresh.token}`);
		expect((await command(again.socket, 'sitting:join', { sittingId: f.sittingId })).ok).toBe(true);
	});

	it('an account disabled by an administrator is closed at once and stays out', async () => {
		const chair = await chairWatching();
		const m1 = await goLive(f.cookies.m1);
		const since = Date.now();
		setAccountDisabled(
			app.db,
			f.ids.m1,
			'disabled',
			f.ids.chair,
			app.ctx.now(),
			app.server.realtime.effects
		);
		sendAfterEnd(m1);
		await expectClosedByTheEnd(m1, since);
		await expectNothingLanded(chair);
		const later = createSession(app.db, f.ids.m1, app.ctx.sessionPolicy, app.ctx.now());
		expect(await reconnectOutcome(`${SESSION_COOKIE}=${later.token}`)).toEqual(REFUSED);
		expect(chair.socket.connected).toBe(true);
	});

	it('expiry: the next update or command is refused, and the sweep closes idle ones', async () => {
		const m1 = await goLive(f.cookies.m1);
		const m2 = await goLive(f.cookies.m2, cardDocName(f.itemId, f.ids.m2));
		const m3 = await goLive(f.cookies.m3, cardDocName(f.itemId, f.ids.m3));
		app.ctx.advance(app.ctx.sessionPolicy.idleMs + 60_000);
		// Signed in after the jump: a live session next to the expired ones is left alone.
		const chairSession = createSession(app.db, f.ids.chair, app.ctx.sessionPolicy, app.ctx.now());
		const chair = await chairWatching(`${SESSION_COOKIE}=${chairSession.token}`);
		// The Yjs update is what finds m1's session expired; its other connections go too.
		sendAfterEnd(m1);
		expect(await m1.yjs.closed).toBe(CLOSE.unauthorized);
		expect((await m1.ended).quietCode).toBe(CLOSE.unauthorized);
		// A command is what finds m3's: refused in the person's language, then closed.
		const refused = await command(m3.socket, 'chat:send', {
			sittingId: f.sittingId,
			text: 'hết hạn'
		});
		expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
		expect((refused as { error: { message: string } }).error.message).toMatch(/Phiên đăng nhập/);
		expect((await m3.ended).quietCode).toBe(CLOSE.unauthorized);
		// m2 sends nothing: only the sweep can find it.
		expect(m2.socket.connected).toBe(true);
		const since = Date.now();
		app.server.realtime.live.sweep();
		await expectClosedByTheEnd(m2, since);
		await expectNothingLanded(chair);
		expect(chair.socket.connected).toBe(true);
		expect(await reconnectOutcome(f.cookies.m2)).toEqual(REFUSED);
	});

	it('use of a live connection slides the idle expiry, as a page request does', async () => {
		const m1 = await goLive(f.cookies.m1);
		const id = sessionIdOf(f.cookies.m1);
		const before = app.db.select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt;
		app.ctx.advance(app.ctx.sessionPolicy.idleMs * 0.75);
		expect((await command(m1.socket, 'sitting:join', { sittingId: f.sittingId })).ok).toBe(true);
		const after = app.db.select().from(sessions).where(eq(sessions.id, id)).get()!.expiresAt;
		expect(after).toBeGreaterThan(before);
		app.ctx.advance(app.ctx.sessionPolicy.idleMs * 0.75); // past the first expiry, within the slid one
		expect((await command(m1.socket, 'sitting:join', { sittingId: f.sittingId })).ok).toBe(true);
		app.server.realtime.live.sweep();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(m1.socket.connected).toBe(true);
		expect(m1.yjs.ws.readyState).toBe(WebSocket.OPEN);
	});
});
