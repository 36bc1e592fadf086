// The written round's rules over the real socket.io server the scorecard uses: the window and
// the membership are checked by the server on `score:submit`, and the chair's `item:close` is
// refused for a written item, with the message in Vietnamese.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { scorecards, writtenRounds } from '../../src/lib/server/db/schema';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';

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
afterAll(() => {
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
