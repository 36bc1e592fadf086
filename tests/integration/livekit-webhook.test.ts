import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceEntry } from '../../src/lib/protocol/meeting-events';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { getAttendance } from '../../src/lib/server/meeting/attendance';
import { WEBHOOK_EVENT_TTL_MS } from '../../src/lib/server/livekit/webhook';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { createSession } from '../../src/lib/server/auth/session';
import { openAppServer, useAppServer } from '../helpers/app-server';
import type { TestContext } from '../helpers/context';

const SITTING = 'demo-sitting-1';
/** LiveKit configured (never reached), the demo seeded; `seeded` is the chair's id. */
const WORLD = {
	env: { LIVEKIT_URL: 'ws://127.0.0.1:9', LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret' },
	seed: async (ctx: TestContext) => {
		await seedDemo(ctx.db, ctx.now());
		const chair = findUserByEmail(ctx.db, 'chutich@ocop.demo')!.id;
		// Signed in: the token they joined with came through a session (one that has ended
		// gets no attendance from a join: video-after-session-end.test.ts).
		createSession(ctx.db, chair, ctx.sessionPolicy, ctx.now());
		return chair;
	}
};
const app = useAppServer(WORLD);
let chairId: string;
beforeAll(() => {
	chairId = app.seeded;
});

function eventBody(event: string, identity = chairId) {
	return JSON.stringify({
		event,
		room: { sid: 'RM_x', name: `sitting-${SITTING}` },
		participant: { sid: 'PA_x', identity, name: 'Chủ tịch' },
		id: `EV_${Math.random().toString(36).slice(2)}`,
		createdAt: String(Math.floor(Date.now() / 1000))
	});
}

async function sign(body: string, key = 'devkey', secret = 'secret') {
	const at = new AccessToken(key, secret);
	at.sha256 = createHash('sha256').update(body).digest('base64');
	return at.toJwt();
}

async function post(body: string, authorization?: string) {
	const res = await fetch(`${app.url}/livekit/webhook`, {
		method: 'POST',
		headers: {
			'content-type': 'application/webhook+json',
			...(authorization ? { authorization } : {})
		},
		body
	});
	return res.status;
}

const present = () => getAttendance(app.db, SITTING).chairPresent;

describe('LiveKit webhooks are verified over the raw body', () => {
	it('refuses a webhook without a signature and changes nothing', async () => {
		expect(await post(eventBody('participant_joined'))).toBe(401);
		expect(present()).toBe(false);
	});

	it('refuses a webhook signed with another key', async () => {
		const body = eventBody('participant_joined');
		expect(await post(body, await sign(body, 'devkey', 'not-the-secret'))).toBe(401);
		expect(await post(body, await sign(body, 'otherkey', 'secret'))).toBe(401);
		expect(present()).toBe(false);
	});

	it('refuses an altered body under a valid signature', async () => {
		const signed = eventBody('participant_joined', 'someone-else');
		const altered = signed.replace('someone-else', chairId);
		expect(await post(altered, await sign(signed))).toBe(401);
		expect(present()).toBe(false);
	});

	it('accepts a valid webhook and updates attendance', async () => {
		const joined = eventBody('participant_joined');
		expect(await post(joined, await sign(joined))).toBe(200);
		expect(present()).toBe(true);
		expect(getAttendance(app.db, SITTING).presentIds).toContain(chairId);
		const left = eventBody('participant_left');
		expect(await post(left, await sign(left))).toBe(200);
		expect(present()).toBe(false);
	});

	it('applies a signed event once: posted again after the person left, it counts no one', async () => {
		const joined = eventBody('participant_joined');
		const joinedSignature = await sign(joined);
		expect(await post(joined, joinedSignature)).toBe(200);
		expect(present()).toBe(true);
		const left = eventBody('participant_left');
		expect(await post(left, await sign(left))).toBe(200);
		expect(present()).toBe(false);
		// The same signed bytes again (captured on the way): acknowledged, not applied.
		expect(await post(joined, joinedSignature)).toBe(200);
		expect(present()).toBe(false);
	});

	it('does not apply a signed event older than its time to live', async () => {
		const stale = JSON.stringify({
			...JSON.parse(eventBody('participant_joined')),
			createdAt: String(Math.floor((app.ctx.now() - WEBHOOK_EVENT_TTL_MS - 60_000) / 1000))
		});
		expect(await post(stale, await sign(stale))).toBe(200);
		expect(present()).toBe(false);
	});

	it('ignores a valid webhook about someone outside the sitting', async () => {
		const admin = findUserByEmail(app.db, 'admin@ocop.demo')!.id;
		const body = eventBody('participant_joined', admin);
		expect(await post(body, await sign(body))).toBe(200);
		expect(getAttendance(app.db, SITTING).present).toBe(0);
	});

	it('answers only POST', async () => {
		expect((await fetch(`${app.url}/livekit/webhook`)).status).toBe(405);
	});
});

describe('a webhook that arrives before any socket has connected', () => {
	it('still broadcasts attendance to the sitting’s room', async () => {
		// A server of its own: no socket has ever connected to it.
		const first = await openAppServer(WORLD);
		const chair = first.seeded;
		try {
			const sent: { rooms: string[]; event: unknown; present: string[] }[] = [];
			const adapter = first.server.realtime.sitting.io.of('/').adapter;
			const broadcast = adapter.broadcast.bind(adapter);
			adapter.broadcast = (packet, opts) => {
				const [event, payload] = packet.data as [string, { attendance?: AttendanceEntry[] }];
				const present = (payload?.attendance ?? []).filter((a) => a.present).map((a) => a.userId);
				sent.push({ rooms: [...opts.rooms], event, present });
				broadcast(packet, opts);
			};
			expect(first.server.realtime.sitting.io.engine.clientsCount).toBe(0);
			const body = eventBody('participant_joined', chair);
			const res = await fetch(`${first.url}/livekit/webhook`, {
				method: 'POST',
				headers: { 'content-type': 'application/webhook+json', authorization: await sign(body) },
				body
			});
			expect(res.status).toBe(200);
			await new Promise<void>((resolve) => {
				const check = () => (sent.length ? resolve() : setTimeout(check, 20));
				check();
			});
			expect(sent).toEqual([
				{
					rooms: [`sitting:${SITTING}`],
					event: 'sitting:attendance',
					present: expect.arrayContaining([chair])
				}
			]);
		} finally {
			await first.close();
		}
	});
});
