// Needs the build: BUILD_DIR=build-<you> after `vite build`; and livekit-server (tests/helpers/livekit.ts).
// A conflict recorded through a form — the office page, or the member's own /member page — has
// the live effects of the socket command: on the live item the member's open sitting page takes
// the new state (chat and hand close), their raised hand leaves the queue everyone sees, LiveKit
// removes them from the video room, and the chair's board shows them recused. The built app,
// real sockets, real form posts with session cookies, a real LiveKit server. The steps run in
// order on one sitting whose item `i2` is live.
import { eq } from 'drizzle-orm';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepsOut } from '../../src/lib/domain/recusal';
import type { LiveKitTokenGrant, SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import type { Board, WatchData } from '../../src/lib/protocol/scoring-events';
import type { Db } from '../../src/lib/server/db/client';
import { meetingHands } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { postForm, type HttpAnswer } from '../helpers/http-from';
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
// The built app runs in production mode, where a shorter secret stops it at start.
const SECRET = 'recusal-secret-long-enough-for-production-0123';
const people = ['chair', 'm1', 'm2', 'm3'] as const;
type Who = (typeof people)[number];

let livekit: LiveKitProcess;
// Registered before the app's hooks so that it stops after the app has.
afterAll(() => livekit?.stop());
const app = useBuiltApp({
	env: async () => {
		if (!liveKitInstalled())
			throw new Error('livekit-server is not installed (tests/helpers/livekit.ts)');
		livekit = await startLiveKit({ key: KEY, secret: SECRET });
		return { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: KEY, LIVEKIT_API_SECRET: SECRET };
	},
	seed: (db) => seedRecusalWorld(db, Date.now())
});
let db: Db;
let w: RecusalWorld;
const s = {} as Record<Who, Client>;

beforeAll(async () => {
	db = app.db;
	w = app.seeded;
	for (const p of people) {
		s[p] = await connectAs(app.url, w.cookies[p]);
		expect(await command(s[p], 'sitting:join', sitting())).toMatchObject({ ok: true });
	}
	expect(await command(s.chair, 'item:move', { itemId: w.otherItemId, to: 'presenting' })).toEqual({
		ok: true,
		data: null
	});
});
afterAll(async () => {
	for (const socket of Object.values(s)) socket.close();
});

const sitting = () => ({ sittingId: w.sittingId });
const room = () => `sitting-${w.sittingId}`;
const videoRoom = () => new RoomServiceClient(livekit.httpUrl, KEY, SECRET);
const inVideo = async () => (await videoRoom().listParticipants(room())).map((p) => p.identity);
const handRows = (userId: string) =>
	db.select().from(meetingHands).where(eq(meetingHands.userId, userId)).all().length;

/** The person enters the sitting's video room with the token the app gives them. */
async function joinVideo(who: Who) {
	const grant = await command<LiveKitTokenGrant>(s[who], 'livekit:token', sitting());
	if (!grant.ok) throw new Error(grant.error.message);
	const participant = await joinBySignal(grant.data.url, grant.data.token);
	expect(await inVideo()).toContain(w.ids[who]);
	return participant;
}

/**
 * Records `who`'s conflict on the live item through `post`, with their hand raised, their video
 * on and the chair watching the board, and checks every live effect against the socket command's.
 */
async function expectSteppedOut(who: Who, bystander: Who, post: () => Promise<HttpAnswer>) {
	const userId = w.ids[who];
	const itemId = w.otherItemId;
	expect(await command(s[who], 'hand:raise', sitting())).toEqual({ ok: true, data: null });
	expect(await command(s[bystander], 'hand:raise', sitting())).toEqual({ ok: true, data: null });
	const video = await joinVideo(who);
	const recused = (b: Board | null) => b?.members.find((m) => m.userId === userId)?.recused;
	// Watching sends a board of its own a moment later: it passes first, so that the one awaited
	// below can only come from the conflict.
	const watched = nextEvent(s.chair, 'board:update', (b) => b.itemId === itemId);
	const watch = await command<WatchData>(s.chair, 'scoring:watch', { itemId });
	if (!watch.ok) throw new Error(watch.error.message);
	expect(recused(watch.data.board)).toBe(false);
	expect(recused(await within(watched, 'the watched board'))).toBe(false);

	const state = nextEvent(s[who], 'sitting:state', (e) => e.me.recusedFrom.includes(itemId));
	// Exactly the bystander's hand: the queues sent before (both hands) cannot pass for it.
	const queue = nextEvent(
		s.chair,
		'sitting:hands',
		(e) => e.hands.length === 1 && e.hands[0].userId === w.ids[bystander]
	);
	const leave = nextEvent(s[who], 'av:leave', (e) => e.sittingId === w.sittingId);
	const board = nextEvent(s.chair, 'board:update', (b) => b.itemId === itemId);
	const res = await post();
	expect(res.status).toBe(200);
	expect(res.body).not.toContain('data-testid="form-error"');
	// The form answers once the live effects are done: the room service has removed them already.
	expect(await inVideo()).not.toContain(userId);

	// Their page: the new state says they have stepped out, so chat and hand are disabled.
	const snapshot: SittingSnapshot = await within(state, 'the member’s new state');
	expect(snapshot.currentItemId).toBe(itemId);
	expect(stepsOut(snapshot.currentItemId, snapshot.me.recusedFrom)).toBe(true);
	expect(snapshot.hands.map((h) => h.userId)).toEqual([w.ids[bystander]]);
	// Everyone's queue: their hand is gone, the bystander's stays.
	expect((await within(queue, 'the hands queue')).hands.map((h) => h.userId)).toEqual([
		w.ids[bystander]
	]);
	expect(handRows(userId)).toBe(0);
	// Video: told to leave, and removed by the room service (LiveKit closes their connection).
	expect(await within(leave, 'av:leave')).toEqual({ sittingId: w.sittingId, reason: 'conflict' });
	await within(video.closed, 'LiveKit closing the member’s connection');
	expect(await inVideo()).not.toContain(userId);
	expect(recused(await within(board, 'the chair’s board'))).toBe(true);
	// The server holds them to it: the floor and a new video token are refused.
	expect(await command(s[who], 'hand:raise', sitting())).toMatchObject({
		ok: false,
		error: { code: 'forbidden' }
	});
	expect(await command(s[who], 'livekit:token', sitting())).toMatchObject({
		ok: false,
		error: { code: 'forbidden' }
	});
	expect(await command(s[bystander], 'hand:lower', sitting())).toEqual({ ok: true, data: null });
}

describe('a conflict recorded through a form while the item is live', () => {
	it('takes effect at once when the office records it for a member', async () => {
		await expectSteppedOut('m1', 'm2', () =>
			postForm(
				'127.0.0.1',
				`${app.url}/office/sittings/${w.sittingId}?/conflict`,
				{ itemId: w.otherItemId, userId: w.ids.m1, reason: 'Góp vốn vào cơ sở' },
				{ cookie: w.cookies.secretary }
			)
		);
	});

	it('takes effect at once when the member declares it on /member', async () => {
		await expectSteppedOut('m2', 'm3', () =>
			postForm(
				'127.0.0.1',
				`${app.url}/member?/conflict`,
				{ itemId: w.otherItemId, reason: 'Người thân làm ở cơ sở' },
				{ cookie: w.cookies.m2 }
			)
		);
	});
});

describe('a conflict recorded through a form on an item not yet live', () => {
	it('updates the member’s page and leaves their hand in the queue', async () => {
		expect(await command(s.m3, 'hand:raise', sitting())).toEqual({ ok: true, data: null });
		const state = nextEvent(s.m3, 'sitting:state', (e) => e.me.recusedFrom.includes(w.itemId));
		const res = await postForm(
			'127.0.0.1',
			`${app.url}/office/sittings/${w.sittingId}?/conflict`,
			{ itemId: w.itemId, userId: w.ids.m3, reason: 'Quen biết cơ sở' },
			{ cookie: w.cookies.secretary }
		);
		expect(res.status).toBe(200);
		const snapshot = await within(state, 'the member’s new state');
		// `i1` waits on the agenda: they still take part in the discussion of the live `i2`.
		expect(stepsOut(snapshot.currentItemId, snapshot.me.recusedFrom)).toBe(false);
		expect(snapshot.hands.map((h) => h.userId)).toEqual([w.ids.m3]);
		expect(handRows(w.ids.m3)).toBe(1);
	});
});
