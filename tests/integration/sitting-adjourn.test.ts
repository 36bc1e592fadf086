// The chair ends (adjourns) a sitting, over the built app's socket.io with a real LiveKit server:
// refused to anyone else, before the sitting opened and while an item is live; then the items
// not reached are deferred (their dossiers back among the ready ones, as a deferred item's is),
// everyone in the room and the lobby is told, the video room closes, chat and hands close, and
// the minutes exist from then on with the closing time.
import { eq } from 'drizzle-orm';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { LiveKitTokenGrant, SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import {
	agendaItems,
	auditLog,
	dossiers,
	meetingHands,
	notifications,
	sittings,
	users
} from '../../src/lib/server/db/schema';
import { readyDossiers } from '../../src/lib/server/councils/agenda';
import { minutesExist } from '../../src/lib/server/documents';
import { useAppServer } from '../helpers/app-server';
import { freePort } from '../helpers/app-process';
import { liveKitInstalled, startLiveKit, type LiveKitProcess } from '../helpers/livekit';
import { joinBySignal } from '../helpers/livekit-signal';
import {
	command,
	connectAs,
	nextEvent,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';
import { within } from '../helpers/within';

const KEY = 'devkey';
const SECRET = 'adjourn-secret-long-enough-0123456789abcdef';
const vi = translator('vi');
let livekit: LiveKitProcess;
let lkPort: number;
// Registered before the app's hooks so that it stops after the app has.
afterAll(() => livekit?.stop());
const app = useAppServer({
	env: async () => {
		if (!liveKitInstalled())
			throw new Error('livekit-server is not installed (tests/helpers/livekit.ts)');
		lkPort = await freePort();
		return {
			LIVEKIT_URL: `ws://127.0.0.1:${lkPort}`,
			LIVEKIT_API_KEY: KEY,
			LIVEKIT_API_SECRET: SECRET
		};
	},
	seed: (ctx) => {
		const world = seedRecusalWorld(ctx.db, ctx.now());
		// The products' organisation has a producer account: it is told of each deferral.
		ctx.db
			.insert(users)
			.values({
				id: 'u-producer',
				email: 'producer@t.vn',
				name: 'Chủ thể',
				role: 'producer',
				organizationId: 'o1',
				createdAt: ctx.now()
			})
			.run();
		return world;
	}
});
let w: RecusalWorld;
const sockets: Client[] = [];
let chair: Client;
let member: Client;
let secretary: Client;

async function inSitting(cookie: string): Promise<Client> {
	const socket = await connectAs(app.url, cookie);
	sockets.push(socket);
	expect(await command(socket, 'sitting:join', { sittingId: w.sittingId })).toMatchObject({
		ok: true
	});
	return socket;
}

beforeAll(async () => {
	livekit = await startLiveKit({
		port: lkPort,
		key: KEY,
		secret: SECRET,
		webhookUrl: `${app.url}/livekit/webhook`
	});
	w = app.seeded;
	chair = await inSitting(w.cookies.chair);
	member = await inSitting(w.cookies.m1);
	secretary = await inSitting(w.cookies.secretary);
}, 60_000);
afterAll(() => {
	for (const s of sockets) s.close();
});

const sitting = () => app.db.select().from(sittings).where(eq(sittings.id, w.sittingId)).get()!;
const item = (id: string) => app.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get()!;
const dossierState = (itemId: string) =>
	app.db
		.select()
		.from(dossiers)
		.where(eq(dossiers.id, item(itemId).dossierId))
		.get()!.state;
/** Where the producer's deferral notices point, oldest first. */
const toldProducer = () =>
	app.db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, 'u-producer'))
		.all()
		.filter((n) => n.kind === 'item-deferred')
		.map((n) => n.link);
const adjourn = (socket: Client) =>
	command<{ deferred: number }>(socket, 'sitting:adjourn', { sittingId: w.sittingId });
const inVideo = async () =>
	(
		await new RoomServiceClient(livekit.httpUrl, KEY, SECRET).listParticipants(
			`sitting-${w.sittingId}`
		)
	).map((p) => p.identity);

describe('the chair ends the sitting', () => {
	it('is refused to everyone but the chair, and before the sitting opened', async () => {
		for (const s of [member, secretary])
			expect(await adjourn(s)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(await adjourn(chair)).toEqual({
			ok: false,
			error: { code: 'wrong-state', message: vi('meeting.errors.adjourn.notOpened') }
		});
		expect(sitting()).toMatchObject({ state: 'published', closedAt: null });
	});

	it('is refused while an item is live, and changes nothing', async () => {
		expect(await command(chair, 'item:move', { itemId: w.itemId, to: 'presenting' })).toEqual({
			ok: true,
			data: null
		});
		expect(await adjourn(chair)).toEqual({
			ok: false,
			error: { code: 'wrong-state', message: vi('meeting.errors.adjourn.itemLive') }
		});
		expect(sitting()).toMatchObject({ state: 'open', closedAt: null });
		expect(item(w.otherItemId).state).toBe('pending');
	});

	it('a deferred item’s dossier goes back among the ready ones, for a later agenda', async () => {
		expect(dossierState(w.itemId)).toBe('scheduled');
		expect(await command(chair, 'item:move', { itemId: w.itemId, to: 'deferred' })).toMatchObject({
			ok: true
		});
		expect(dossierState(w.itemId)).toBe('ready');
		expect(readyDossiers(app.db).map((d) => d.id)).toContain(item(w.itemId).dossierId);
		expect(toldProducer()).toEqual([`/dossiers/${item(w.itemId).dossierId}`]);
	});

	it('ends it: items not reached deferred, everyone told, video closed, the minutes exist', async () => {
		expect(await command(member, 'hand:raise', { sittingId: w.sittingId })).toMatchObject({
			ok: true
		});
		const grant = await command<LiveKitTokenGrant>(member, 'livekit:token', {
			sittingId: w.sittingId
		});
		if (!grant.ok) throw new Error(grant.error.message);
		const video = await joinBySignal(grant.data.url, grant.data.token);
		expect(await inVideo()).toContain(w.ids.m1);
		expect(minutesExist(app.db, w.sittingId)).toBe(false);

		const ended = nextEvent(member, 'sitting:ended', (e) => e.sittingId === w.sittingId);
		const state = nextEvent(member, 'sitting:state', (s) => s.endedAt !== null);
		const before = app.ctx.now();
		expect(await adjourn(chair)).toEqual({ ok: true, data: { deferred: 1 } });

		const row = sitting();
		expect(row.state).toBe('adjourned');
		expect(row.closedAt).toBeGreaterThanOrEqual(before);
		expect(item(w.otherItemId).state).toBe('deferred');
		expect(dossierState(w.otherItemId)).toBe('ready');
		expect(toldProducer()).toEqual([
			`/dossiers/${item(w.itemId).dossierId}`,
			`/dossiers/${item(w.otherItemId).dossierId}`
		]);
		expect(app.db.select().from(meetingHands).all()).toEqual([]);
		const logged = app.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'meeting.sitting.adjourn'))
			.all();
		expect(logged.map((l) => [l.actorId, l.subject])).toEqual([[w.ids.chair, w.sittingId]]);

		expect(await within(ended, 'the sitting:ended event')).toEqual({
			sittingId: w.sittingId,
			at: row.closedAt
		});
		const snapshot: SittingSnapshot = await within(state, 'the state after the end');
		expect(snapshot.endedAt).toBe(row.closedAt);
		expect(snapshot.hands).toEqual([]);
		expect(snapshot.agenda.map((a) => a.state)).toEqual(['deferred', 'deferred']);

		await within(video.closed, 'LiveKit closing the sitting’s room');
		expect(await inVideo()).toEqual([]);
		expect(minutesExist(app.db, w.sittingId)).toBe(true);
	});

	it('once ended, the room takes nothing more and it is not ended twice', async () => {
		const closedAt = sitting().closedAt;
		for (const [event, payload] of [
			['chat:send', { sittingId: w.sittingId, text: 'Còn ai không?' }],
			['hand:raise', { sittingId: w.sittingId }],
			['livekit:token', { sittingId: w.sittingId }]
		] as const)
			expect(await command(member, event, payload), event).toMatchObject({
				ok: false,
				error: { code: 'wrong-state' }
			});
		expect(await adjourn(chair)).toMatchObject({ ok: false, error: { code: 'wrong-state' } });
		expect(sitting().closedAt).toBe(closedAt);
		// The sitting still opens, to be read.
		const again = await command<SittingSnapshot>(member, 'sitting:join', {
			sittingId: w.sittingId
		});
		expect(again).toMatchObject({ ok: true, data: { endedAt: closedAt } });
	});
});
