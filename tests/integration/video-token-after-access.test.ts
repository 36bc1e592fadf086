// Needs livekit-server (tests/helpers/livekit.ts). A video token lives its ten minutes whatever
// happens in them; LiveKit cannot know that the person's access has changed since. Found from
// outside: a producer whose stage had ended, a member who had declared a conflict on the live
// item and a member removed from the council each got back into the room with the token they
// held before, and stayed (the webhook judged a join only by the session). Now every join is
// judged as a token asked for at that moment would be, and one that would be refused is undone.
// Real LiveKit server (its webhook pointing at the app), real sockets, the in-process app on a
// real SQLite file.
import { and, eq } from 'drizzle-orm';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveKitTokenGrant } from '../../src/lib/protocol/meeting-events';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { agendaItems, councilMembers, users } from '../../src/lib/server/db/schema';
import { attendanceList } from '../../src/lib/server/meeting/attendance';
import { useAppServer } from '../helpers/app-server';
import { freePort } from '../helpers/app-process';
import {
	liveKitInstalled,
	postParticipantEvent,
	startLiveKit,
	type LiveKitProcess
} from '../helpers/livekit';
import { joinBySignal, type SignalParticipant } from '../helpers/livekit-signal';
import {
	command,
	connectAs,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';
import { within } from '../helpers/within';

const KEY = 'devkey';
const SECRET = 'video-access-secret-long-enough-0123456789';
const PRODUCER = 'u-producer';
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
		// The second product's presenter, a producer account.
		ctx.db
			.insert(users)
			.values({
				id: PRODUCER,
				email: 'producer@t.vn',
				name: 'Chủ thể',
				role: 'producer',
				createdAt: ctx.now()
			})
			.run();
		ctx.db
			.update(agendaItems)
			.set({ presenters: [PRODUCER] })
			.where(eq(agendaItems.id, world.otherItemId))
			.run();
		const token = createSession(ctx.db, PRODUCER, ctx.sessionPolicy, ctx.now()).token;
		return { ...world, producerCookie: `${SESSION_COOKIE}=${token}` };
	}
});
let w: RecusalWorld & { producerCookie: string };
let chair: Client;
const sockets: Client[] = [];
const videos: SignalParticipant[] = [];

beforeAll(async () => {
	livekit = await startLiveKit({
		port: lkPort,
		key: KEY,
		secret: SECRET,
		webhookUrl: `${app.url}/livekit/webhook`
	});
	w = app.seeded;
	chair = await inSitting(w.cookies.chair);
}, 60_000);
afterAll(() => {
	for (const v of videos) v.close();
	for (const s of sockets) s.close();
});

const room = () => `sitting-${w.sittingId}`;
const inVideo = async () =>
	(await new RoomServiceClient(livekit.httpUrl, KEY, SECRET).listParticipants(room())).map(
		(p) => p.identity
	);
const onVideo = (userId: string) =>
	!!attendanceList(app.db, w.sittingId).find((e) => e.userId === userId)?.video;

async function inSitting(cookie: string): Promise<Client> {
	const socket = await connectAs(app.url, cookie);
	sockets.push(socket);
	expect(await command(socket, 'sitting:join', { sittingId: w.sittingId })).toMatchObject({
		ok: true
	});
	return socket;
}

async function token(cookie: string): Promise<LiveKitTokenGrant> {
	const grant = await command<LiveKitTokenGrant>(await inSitting(cookie), 'livekit:token', {
		sittingId: w.sittingId
	});
	if (!grant.ok) throw new Error(grant.error.message);
	return grant.data;
}

async function move(itemId: string, to: string): Promise<void> {
	expect(await command(chair, 'item:move', { itemId, to })).toEqual({ ok: true, data: null });
}

/** The participant_joined event LiveKit signs for a join with this token (its identity and the metadata the app wrote into it). */
async function joined(grant: LiveKitTokenGrant): Promise<number> {
	const claims = JSON.parse(Buffer.from(grant.token.split('.')[1], 'base64url').toString()) as {
		sub: string;
		name: string;
		metadata: string;
	};
	return postParticipantEvent(app.url, { key: KEY, secret: SECRET }, 'participant_joined', room(), {
		identity: claims.sub,
		name: claims.name,
		metadata: claims.metadata
	});
}

/** Joins with the token (LiveKit admits it: it cannot know) and sends LiveKit's event. */
async function rejoin(grant: LiveKitTokenGrant, userId: string): Promise<SignalParticipant> {
	const video = await joinBySignal(grant.url, grant.token);
	videos.push(video);
	expect(await inVideo()).toContain(userId);
	expect(await joined(grant)).toBe(200);
	return video;
}

async function undone(video: SignalParticipant, userId: string, what: string): Promise<void> {
	await within(video.closed, what);
	expect(await inVideo()).not.toContain(userId);
	expect(onVideo(userId)).toBe(false);
}

describe('a video token outlives no access', () => {
	it('a member whose token is still justified stays, and is counted present', async () => {
		const grant = await token(w.cookies.m3);
		const video = await rejoin(grant, w.ids.m3);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await inVideo()).toContain(w.ids.m3);
		expect(onVideo(w.ids.m3)).toBe(true);
		video.close();
	});

	it('the producer, once their stage has ended, cannot come back with their token', async () => {
		await move(w.otherItemId, 'presenting');
		const grant = await token(w.producerCookie);
		const first = await joinBySignal(grant.url, grant.token);
		videos.push(first);
		// Scoring (with the council's quorum in the sitting): the app takes the producer out of
		// the room, and refuses them a new token.
		await inSitting(w.cookies.m1);
		await inSitting(w.cookies.m2);
		await move(w.otherItemId, 'scoring');
		await within(first.closed, 'the producer leaving the room at scoring');
		const again = await command(await inSitting(w.producerCookie), 'livekit:token', {
			sittingId: w.sittingId
		});
		expect(again.ok).toBe(false);
		await undone(
			await rejoin(grant, PRODUCER),
			PRODUCER,
			'the app removing the producer who came back with the old token'
		);
		// Back off the stage for the next cases, which make the first product live.
		app.db
			.update(agendaItems)
			.set({ state: 'pending' })
			.where(eq(agendaItems.id, w.otherItemId))
			.run();
	});

	it('a member who declared a conflict on the live item cannot use the token taken before', async () => {
		// Taken while nothing they are recused from is live.
		const grant = await token(w.cookies.recused);
		app.db
			.update(agendaItems)
			.set({ state: 'presenting' })
			.where(eq(agendaItems.id, w.itemId))
			.run();
		await undone(
			await rejoin(grant, w.ids.recused),
			w.ids.recused,
			'the app removing the recused member'
		);
	});

	it('a member removed from the council cannot use the token taken before', async () => {
		const grant = await token(w.cookies.m1);
		app.db
			.delete(councilMembers)
			.where(and(eq(councilMembers.councilId, 'c1'), eq(councilMembers.userId, w.ids.m1)))
			.run();
		await undone(await rejoin(grant, w.ids.m1), w.ids.m1, 'the app removing the former member');
	});

	it('a chair replaced since keeps no chair grant: the join is undone, a new token is a member’s', async () => {
		const grant = await token(w.cookies.chair);
		app.db
			.update(councilMembers)
			.set({ role: 'member' })
			.where(and(eq(councilMembers.councilId, 'c1'), eq(councilMembers.userId, w.ids.chair)))
			.run();
		await undone(await rejoin(grant, w.ids.chair), w.ids.chair, 'the app removing the old chair');
		const fresh = await token(w.cookies.chair);
		const video = await rejoin(fresh, w.ids.chair);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await inVideo()).toContain(w.ids.chair);
		video.close();
	});
});
