// Needs livekit-server (tests/helpers/livekit.ts). A session that ends takes its person out of
// the video room as well, and a video token minted before the end cannot be used after it: the
// token lives its ten minutes whatever happens to the session that asked for it. Found from
// outside: sign-out closed socket.io and Yjs, and the camera went on. Real LiveKit server (its
// webhook pointing at the app), real sockets, the in-process app on a real SQLite file.
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveKitTokenGrant } from '../../src/lib/protocol/meeting-events';
import {
	SESSION_COOKIE,
	createSession,
	hashToken,
	invalidateSession
} from '../../src/lib/server/auth/session';
import { attendanceList } from '../../src/lib/server/meeting/attendance';
import { useAppServer } from '../helpers/app-server';
import { freePort } from '../helpers/app-process';
import {
	liveKitInstalled,
	postParticipantEvent,
	startLiveKit,
	type LiveKitProcess
} from '../helpers/livekit';
import { joinBySignal } from '../helpers/livekit-signal';
import {
	command,
	connectAs,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';
import { within } from '../helpers/within';

const KEY = 'devkey';
const SECRET = 'video-session-secret-long-enough-0123456789';
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
	seed: (ctx) => seedRecusalWorld(ctx.db, ctx.now())
});
let w: RecusalWorld;
const sockets: Client[] = [];

beforeAll(async () => {
	livekit = await startLiveKit({
		port: lkPort,
		key: KEY,
		secret: SECRET,
		webhookUrl: `${app.url}/livekit/webhook`
	});
	w = app.seeded;
	const chair = await inSitting(w.cookies.chair);
	expect(await command(chair, 'item:move', { itemId: w.otherItemId, to: 'presenting' })).toEqual({
		ok: true,
		data: null
	});
}, 60_000);
afterAll(() => {
	for (const s of sockets) s.close();
});

const room = () => `sitting-${w.sittingId}`;
const inVideo = async () =>
	(await new RoomServiceClient(livekit.httpUrl, KEY, SECRET).listParticipants(room())).map(
		(p) => p.identity
	);
const sessionIdOf = (cookie: string) => hashToken(cookie.slice(`${SESSION_COOKIE}=`.length));
/** Whether the register has the person present by video. */
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

const webhook = (event: 'participant_joined', identity: string) =>
	postParticipantEvent(app.url, { key: KEY, secret: SECRET }, event, room(), { identity });

describe('video outlives no session', () => {
	it('sign-out takes the person out of the video room', async () => {
		const grant = await token(w.cookies.m1);
		const video = await joinBySignal(grant.url, grant.token);
		expect(await inVideo()).toContain(w.ids.m1);
		invalidateSession(app.db, sessionIdOf(w.cookies.m1), app.server.realtime.effects); // as /logout
		await within(video.closed, 'LiveKit closing the signed-out member’s connection');
		expect(await inVideo()).not.toContain(w.ids.m1);
	});

	it('a token minted before sign-out is undone when used after it, and counts no attendance', async () => {
		const grant = await token(w.cookies.m2);
		invalidateSession(app.db, sessionIdOf(w.cookies.m2), app.server.realtime.effects);
		// LiveKit admits the token (it cannot know), and tells the app with its participant_joined
		// webhook. It sends that once the participant's media is up, which a signalling-only client
		// never brings: the test sends the same signed event LiveKit would.
		const video = await joinBySignal(grant.url, grant.token);
		expect(await inVideo()).toContain(w.ids.m2);
		expect(await webhook('participant_joined', w.ids.m2)).toBe(200);
		await within(video.closed, 'the app removing a join made with a stale token');
		expect(await inVideo()).not.toContain(w.ids.m2);
		expect(onVideo(w.ids.m2)).toBe(false);
	});

	it('signing out on one device leaves the video of another that is still signed in', async () => {
		const other = createSession(app.db, w.ids.m3, app.ctx.sessionPolicy, app.ctx.now());
		const grant = await token(`${SESSION_COOKIE}=${other.token}`);
		const video = await joinBySignal(grant.url, grant.token);
		let closed = false;
		void video.closed.then(() => (closed = true));
		// This device (the world's own session) had a socket open too: it signs out.
		await inSitting(w.cookies.m3);
		invalidateSession(app.db, sessionIdOf(w.cookies.m3), app.server.realtime.effects);
		// The removal, had it come, takes well under a second (the first case).
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(closed).toBe(false);
		expect(await inVideo()).toContain(w.ids.m3);
		// Their join counts: the same event as for the stale token is taken as an arrival.
		expect(await webhook('participant_joined', w.ids.m3)).toBe(200);
		expect(onVideo(w.ids.m3)).toBe(true);
		expect(await inVideo()).toContain(w.ids.m3);
		video.close();
	});
});
