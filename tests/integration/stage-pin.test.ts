// The chair's pin for everyone, over real sockets against the app server: only the chair pins,
// only someone who belongs in the room, every client in the room hears it, and a late joiner or
// a reconnection reads it from the stored state.
import { eq } from 'drizzle-orm';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { SittingSnapshot, StagePin } from '../../src/lib/protocol/meeting-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { findUserByEmail } from '../../src/lib/server/accounts';
import {
	SESSION_COOKIE,
	createSession,
	invalidateSession
} from '../../src/lib/server/auth/session';
import { agendaItems, meetingState, sittings } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useAppServer } from '../helpers/app-server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const SITTING = 'demo-sitting-1';
const ITEM = 'demo-item-1';
const PEOPLE = {
	chair: 'chutich@ocop.demo',
	vice: 'phochutich@ocop.demo',
	member: 'thanhvien1@ocop.demo',
	secretary: 'vanphong@ocop.demo',
	producer: 'htx.datquang@ocop.demo',
	otherProducer: 'coso.quythu@ocop.demo',
	admin: 'admin@ocop.demo',
	commune: 'xa.queson@ocop.demo'
} as const;
type Who = keyof typeof PEOPLE;

const app = useAppServer({
	seed: async (ctx) => {
		await seedDemo(ctx.db, ctx.now());
		for (const who of Object.keys(PEOPLE) as Who[])
			ids[who] = findUserByEmail(ctx.db, PEOPLE[who])!.id;
		ctx.db.update(sittings).set({ state: 'published' }).where(eq(sittings.id, SITTING)).run();
	}
});
const ids = {} as Record<Who, string>;
const open: Client[] = [];

function connect(who: Who, token?: string): Promise<Client> {
	token ??= createSession(app.db, ids[who], app.ctx.sessionPolicy, app.ctx.now()).token;
	const socket: Client = connectIo(app.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: app.url, cookie: `${SESSION_COOKIE}=${token}; ocop_lang=vi` },
		reconnection: false
	});
	open.push(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function send(c: Client, event: keyof ClientToServerEvents, payload: any) {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (c as any).timeout(5000).emitWithAck(event, payload);
}

async function joined(who: Who): Promise<{ c: Client; snap: SittingSnapshot }> {
	const c = await connect(who);
	const ack = await send(c, 'sitting:join', { sittingId: SITTING });
	expect(ack.ok).toBe(true);
	return { c, snap: ack.data };
}

/** Every pin the client hears for the sitting, null for an unpin. */
function heard(c: Client): (StagePin | null)[] {
	const seen: (StagePin | null)[] = [];
	c.on('sitting:stage', (e) => {
		if (e.sittingId === SITTING) seen.push(e.pin);
	});
	return seen;
}

const stored = () =>
	app.db.select().from(meetingState).where(eq(meetingState.sittingId, SITTING)).get();
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

afterAll(() => {
	for (const c of open) c.close();
});
beforeEach(() => {
	app.db
		.update(agendaItems)
		.set({ state: 'pending' })
		.where(eq(agendaItems.sittingId, SITTING))
		.run();
	app.db.delete(meetingState).run();
});

describe('the chair’s pin for everyone', () => {
	it('reaches everyone in the room, late joiners and reconnections, and comes off again', async () => {
		const chair = await joined('chair');
		const member = await joined('member');
		const secretary = await joined('secretary');
		expect(member.snap.stagePin).toBeNull();
		const memberHeard = heard(member.c);
		const secretaryHeard = heard(secretary.c);
		const pin = { userId: ids.vice, kind: 'screen' as const };
		const ack = await send(chair.c, 'stage:pin', { sittingId: SITTING, ...pin });
		expect(ack).toEqual({ ok: true, data: pin });
		await settle();
		expect(memberHeard).toEqual([pin]);
		expect(secretaryHeard).toEqual([pin]);
		expect(stored()).toMatchObject({ stagePinUserId: ids.vice, stagePinKind: 'screen' });

		const late = await joined('vice');
		expect(late.snap.stagePin).toEqual(pin);
		member.c.close();
		const again = await joined('member');
		expect(again.snap.stagePin).toEqual(pin);

		// The kind defaults to the camera; null takes the pin off for everyone.
		const byDefault = await send(chair.c, 'stage:pin', { sittingId: SITTING, userId: ids.member });
		expect(byDefault.data).toEqual({ userId: ids.member, kind: 'camera' });
		const off = await send(chair.c, 'stage:pin', { sittingId: SITTING, userId: null });
		expect(off).toEqual({ ok: true, data: null });
		await settle();
		expect(secretaryHeard).toEqual([pin, { userId: ids.member, kind: 'camera' }, null]);
		expect((await joined('vice')).snap.stagePin).toBeNull();
	});

	it('refuses everyone but the chair, and nothing changes or is heard', async () => {
		const chair = await joined('chair');
		const pin = { userId: ids.member, kind: 'camera' as const };
		expect((await send(chair.c, 'stage:pin', { sittingId: SITTING, ...pin })).ok).toBe(true);
		const watcher = await joined('secretary');
		const seen = heard(watcher.c);
		const others: Who[] = [
			'vice',
			'member',
			'secretary',
			'producer',
			'otherProducer',
			'admin',
			'commune'
		];
		for (const who of others) {
			const c = await connect(who);
			for (const payload of [
				{ sittingId: SITTING, userId: ids[who], kind: 'screen' },
				{ sittingId: SITTING, userId: null },
				// Fields a forger might hope the server trusts.
				{ sittingId: SITTING, userId: ids[who], actorId: ids.chair, role: 'chair' }
			]) {
				const ack = await send(c, 'stage:pin', payload);
				expect(ack.ok, `${who} ${JSON.stringify(payload)}`).toBe(false);
				expect(ack.error.code).toBe('forbidden');
				expect(ack.error.message).toMatch(/Chủ tịch|không thuộc/);
			}
		}
		await settle();
		expect(seen).toEqual([]);
		expect(stored()).toMatchObject({ stagePinUserId: ids.member, stagePinKind: 'camera' });
	});

	it('refuses forged and malformed pins from the chair without changing the stored pin', async () => {
		const chair = await joined('chair');
		const pin = { userId: ids.member, kind: 'camera' as const };
		await send(chair.c, 'stage:pin', { sittingId: SITTING, ...pin });
		const cases: [unknown, string][] = [
			[{ sittingId: SITTING, userId: 'u-does-not-exist' }, 'not-found'],
			[{ sittingId: SITTING, userId: ids.admin }, 'not-found'],
			[{ sittingId: SITTING, userId: ids.commune, kind: 'camera' }, 'not-found'],
			[{ sittingId: SITTING, userId: encodeURIComponent(ids.vice) + '%00' }, 'not-found'],
			[{ sittingId: SITTING, userId: ` ${ids.vice}` }, 'not-found'],
			[{ sittingId: SITTING, userId: `${ids.vice}${ids.vice}` }, 'not-found'],
			// A producer waiting in the lobby is not in the room yet.
			[{ sittingId: SITTING, userId: ids.producer }, 'wrong-state'],
			[{ sittingId: 'demo-sitting-2', userId: ids.vice }, 'forbidden'],
			[{ sittingId: `${SITTING}/../${SITTING}`, userId: ids.vice }, 'forbidden'],
			[{ sittingId: SITTING, userId: ids.vice, kind: 'microphone' }, 'bad-request'],
			[{ sittingId: SITTING, userId: [ids.vice] }, 'bad-request'],
			[{ sittingId: SITTING, userId: { $ne: null } }, 'bad-request'],
			[{ sittingId: SITTING, userId: 42 }, 'bad-request'],
			[{ sittingId: SITTING, userId: 'x'.repeat(101) }, 'bad-request'],
			[{ sittingId: SITTING }, 'bad-request'],
			['pin', 'bad-request'],
			[null, 'bad-request']
		];
		for (const [payload, code] of cases) {
			const ack = await send(chair.c, 'stage:pin', payload);
			expect(ack.ok, JSON.stringify(payload)).toBe(false);
			expect(ack.error.code, JSON.stringify(payload)).toBe(code);
			expect(ack.error.message).not.toMatch(/at |Error|stack/);
		}
		expect(stored()).toMatchObject({ stagePinUserId: ids.member, stagePinKind: 'camera' });
	});

	it('pins a presenter only on stage, and a late joiner gets no pin once their stage ends', async () => {
		const chair = await joined('chair');
		app.db.update(agendaItems).set({ state: 'presenting' }).where(eq(agendaItems.id, ITEM)).run();
		const producer = await joined('producer');
		expect(producer.snap.me.lobby).toBe(false);
		const seen = heard(producer.c);
		const pin = { sittingId: SITTING, userId: ids.producer, kind: 'screen' };
		expect((await send(chair.c, 'stage:pin', pin)).ok).toBe(true);
		await settle();
		expect(seen).toEqual([{ userId: ids.producer, kind: 'screen' }]);
		app.db.update(agendaItems).set({ state: 'scoring' }).where(eq(agendaItems.id, ITEM)).run();
		expect((await joined('member')).snap.stagePin).toBeNull();
	});

	it('refuses a pin replayed on the chair’s connection after sign-out', async () => {
		const { token, session } = createSession(
			app.db,
			ids.chair,
			app.ctx.sessionPolicy,
			app.ctx.now()
		);
		const c = await connect('chair', token);
		expect((await send(c, 'sitting:join', { sittingId: SITTING })).ok).toBe(true);
		invalidateSession(app.db, session.id, app.server.realtime.effects); // as /logout
		await settle();
		const replay = send(c, 'stage:pin', { sittingId: SITTING, userId: ids.vice }).catch(() => ({
			ok: false,
			error: { code: 'closed' }
		}));
		expect((await replay).ok).toBe(false);
		await expect(connect('chair', token)).rejects.toThrow();
		expect(stored()?.stagePinUserId ?? null).toBeNull();
	});
});
