import { eq } from 'drizzle-orm';
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canMove, ITEM_STATES, type ItemState } from '../../src/lib/domain/meeting';
import type { SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import {
	agendaItems,
	conflicts,
	meetingAttendance,
	meetingChat,
	meetingHands,
	meetingState,
	sittings
} from '../../src/lib/server/db/schema';
import { markPresence, quorumStatus } from '../../src/lib/server/meeting/attendance';
import { sittingAccess } from '../../src/lib/server/meeting/access';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useAppServer } from '../helpers/app-server';
import { liveKitInstalled, startLiveKit, type LiveKitProcess } from '../helpers/livekit';

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
const ROLES = Object.keys(PEOPLE) as Who[];
const COUNCIL: Who[] = ['chair', 'vice', 'member', 'secretary'];
const VOTING = [
	'chutich',
	'phochutich',
	'thanhvien1',
	'thanhvien2',
	'thanhvien3',
	'thanhvien4',
	'thanhvien5',
	'thanhvien6',
	'thanhvien7'
];

let livekit: LiveKitProcess | null = null;
// Registered before the server's: the hooks run after it closes (vitest's stacked hooks).
afterAll(async () => {
	await livekit?.stop();
});
const app = useAppServer({
	env: async () => {
		if (liveKitInstalled()) livekit = await startLiveKit();
		return {
			LIVEKIT_URL: livekit?.url ?? 'ws://127.0.0.1:9',
			LIVEKIT_API_KEY: 'devkey',
			LIVEKIT_API_SECRET: 'secret'
		};
	},
	seed: async (ctx) => {
		await seedDemo(ctx.db, ctx.now());
		for (const who of ROLES) ids[who] = findUserByEmail(ctx.db, PEOPLE[who])!.id;
	}
});
const ids = {} as Record<Who, string>;
const clients = {} as Record<Who, Client>;

function connect(who: Who): Promise<Client> {
	const { token } = createSession(app.db, ids[who], app.ctx.sessionPolicy, app.ctx.now());
	const socket: Client = connectIo(app.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: app.url, cookie: `${SESSION_COOKIE}=${token}; ocop_lang=en` },
		reconnection: false
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

type Outcome = 'ok' | string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function send(who: Who, event: keyof ClientToServerEvents, payload: any): Promise<Outcome> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const ack = await (clients[who] as any).timeout(5000).emitWithAck(event, payload);
	return ack.ok ? 'ok' : ack.error.code;
}

/** The sitting as the person's join answers it (a page load or a reconnect). */
async function snapshotOf(who: Who): Promise<SittingSnapshot> {
	const ack = await clients[who].timeout(5000).emitWithAck('sitting:join', { sittingId: SITTING });
	if (!ack.ok) throw new Error(ack.error.message);
	return ack.data;
}

function reset(state: ItemState, quorate: boolean) {
	const db = app.db;
	db.update(agendaItems).set({ state: 'pending' }).where(eq(agendaItems.sittingId, SITTING)).run();
	db.update(agendaItems).set({ state }).where(eq(agendaItems.id, ITEM)).run();
	db.update(sittings).set({ state: 'published' }).where(eq(sittings.id, SITTING)).run();
	db.delete(meetingHands).run();
	db.delete(meetingState).run();
	db.delete(conflicts).run();
	db.delete(meetingAttendance).run();
	const count = quorate ? 7 : 6;
	for (const name of VOTING.slice(0, count)) {
		const id = findUserByEmail(db, `${name}@ocop.demo`)!.id;
		markPresence(db, SITTING, id, 'socket', 'arrived', app.ctx.now());
	}
}

beforeAll(async () => {
	for (const who of ROLES) clients[who] = await connect(who);
});
afterAll(() => {
	for (const c of Object.values(clients)) c?.close();
});

const onStage = (s: ItemState) => s === 'presenting' || s === 'questions';
const live = (s: ItemState) => s === 'presenting' || s === 'questions' || s === 'scoring';
const inRoom = (who: Who, s: ItemState) =>
	COUNCIL.includes(who) || (who === 'producer' && onStage(s));
const inSitting = (who: Who) =>
	COUNCIL.includes(who) || who === 'producer' || who === 'otherProducer';
const gate = (who: Who, s: ItemState): Outcome | null =>
	!inSitting(who) ? 'forbidden' : !inRoom(who, s) ? 'forbidden' : null;
const chairGate = (who: Who): Outcome | null => (who === 'chair' ? null : 'forbidden');

function expectedMove(who: Who, from: ItemState, to: ItemState, quorate: boolean): Outcome {
	if (who !== 'chair') return 'forbidden';
	if (to === 'closed' || !canMove(from, to)) return 'wrong-state';
	if (to === 'scoring' && !quorate) return 'not-quorate';
	return 'ok';
}

/** Every command, every role, every state of the item: the expected acknowledgement. */
const COMMANDS: {
	name: string;
	run: (who: Who) => Promise<Outcome>;
	expect: (who: Who, s: ItemState) => Outcome;
}[] = [
	{
		name: 'sitting:join',
		run: (who) => send(who, 'sitting:join', { sittingId: SITTING }),
		expect: (who) => (inSitting(who) ? 'ok' : 'forbidden')
	},
	{
		name: 'hand:raise',
		run: (who) => send(who, 'hand:raise', { sittingId: SITTING }),
		expect: (who, s) => gate(who, s) ?? 'ok'
	},
	{
		name: 'hand:lower',
		run: (who) => send(who, 'hand:lower', { sittingId: SITTING }),
		expect: (who, s) => gate(who, s) ?? 'ok'
	},
	{
		name: 'hand:lower (someone else)',
		run: (who) => send(who, 'hand:lower', { sittingId: SITTING, userId: ids.member }),
		// The member lowering "someone else" lowers their own hand here.
		expect: (who, s) => gate(who, s) ?? (who === 'member' ? 'ok' : chairGate(who)) ?? 'ok'
	},
	{
		name: 'hand:next',
		run: (who) => send(who, 'hand:next', { sittingId: SITTING }),
		expect: (who) => chairGate(who) ?? 'ok'
	},
	{
		name: 'chat:send',
		run: (who) => send(who, 'chat:send', { sittingId: SITTING, text: `xin chào từ ${who}` }),
		expect: (who, s) => gate(who, s) ?? 'ok'
	},
	{
		name: 'chat:send (too long)',
		run: (who) => send(who, 'chat:send', { sittingId: SITTING, text: 'x'.repeat(1001) }),
		expect: () => 'bad-request'
	},
	{
		name: 'viewer:page',
		run: (who) => send(who, 'viewer:page', { itemId: ITEM, page: 2 }),
		expect: (who, s) =>
			gate(who, s) ?? (who === 'chair' || (who === 'producer' && onStage(s)) ? 'ok' : 'forbidden')
	},
	{
		name: 'timer start',
		run: (who) => send(who, 'timer', { sittingId: SITTING, action: 'start' }),
		expect: (who, s) => chairGate(who) ?? (live(s) ? 'ok' : 'wrong-state')
	},
	{
		name: 'timer pause',
		run: (who) => send(who, 'timer', { sittingId: SITTING, action: 'pause' }),
		expect: (who, s) => chairGate(who) ?? (live(s) ? 'ok' : 'wrong-state')
	},
	{
		name: 'livekit:token',
		run: (who) => send(who, 'livekit:token', { sittingId: SITTING }),
		expect: (who, s) => gate(who, s) ?? 'ok'
	},
	{
		name: 'av:mute',
		run: (who) => send(who, 'av:mute', { sittingId: SITTING, userId: ids.member }),
		expect: (who) => (!livekit ? 'skip' : (chairGate(who) ?? 'ok'))
	},
	{
		name: 'av:remove',
		run: (who) => send(who, 'av:remove', { sittingId: SITTING, userId: ids.member }),
		expect: (who) => (!livekit ? 'skip' : (chairGate(who) ?? 'ok'))
	},
	{
		name: 'conflict:declare',
		run: (who) => send(who, 'conflict:declare', { itemId: ITEM, reason: 'người thân' }),
		expect: (who, s) =>
			!COUNCIL.includes(who)
				? 'forbidden'
				: s === 'closed' || s === 'deferred'
					? 'wrong-state'
					: 'ok'
	}
];

describe('meeting commands by role and item state', () => {
	for (const state of ITEM_STATES) {
		it(`answers every command as expected while the item is ${state}`, async () => {
			const seen: string[] = [];
			const wanted: string[] = [];
			for (const command of COMMANDS) {
				for (const who of ROLES) {
					const want = command.expect(who, state);
					if (want === 'skip') continue;
					reset(state, true);
					seen.push(`${command.name} ${who}: ${await command.run(who)}`);
					wanted.push(`${command.name} ${who}: ${want}`);
				}
			}
			expect(seen).toEqual(wanted);
		});

		it(`moves the item from ${state} only as the rules allow`, async () => {
			const seen: string[] = [];
			const wanted: string[] = [];
			for (const quorate of [true, false]) {
				for (const to of ITEM_STATES) {
					for (const who of ROLES) {
						reset(state, quorate);
						const got = await send(who, 'item:move', { itemId: ITEM, to });
						seen.push(`${who} ${to} q=${quorate}: ${got}`);
						wanted.push(`${who} ${to} q=${quorate}: ${expectedMove(who, state, to, quorate)}`);
					}
				}
			}
			expect(seen).toEqual(wanted);
		});
	}

	it('rejects malformed payloads with bad-request', async () => {
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'flying' })).toBe('bad-request');
		expect(await send('chair', 'sitting:join', {})).toBe('bad-request');
		expect(await send('chair', 'timer', { sittingId: SITTING, action: 'explode' })).toBe(
			'bad-request'
		);
	});
});

describe('meeting rules across commands', () => {
	beforeEach(() => reset('pending', true));

	it('keeps only one live item per sitting', async () => {
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe('ok');
		expect(await send('chair', 'item:move', { itemId: 'demo-item-2', to: 'presenting' })).toBe(
			'conflict'
		);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'deferred' })).toBe('ok');
		expect(await send('chair', 'item:move', { itemId: 'demo-item-2', to: 'presenting' })).toBe(
			'ok'
		);
	});

	it('a member on the scorecard’s own page is present, and leaves with it', async () => {
		reset('scoring', false);
		const present = () => quorumStatus(app.db, SITTING).present;
		const before = present();
		const { token } = createSession(
			app.db,
			findUserByEmail(app.db, 'thanhvien6@ocop.demo')!.id,
			app.ctx.sessionPolicy,
			app.ctx.now()
		);
		const cardPage: Client = connectIo(app.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: app.url, cookie: `${SESSION_COOKIE}=${token}` },
			reconnection: false
		});
		await new Promise<void>((resolve) => cardPage.once('connect', () => resolve()));
		const ack = await cardPage.timeout(5000).emitWithAck('scoring:watch', { itemId: ITEM });
		expect(ack.ok).toBe(true);
		expect(present()).toBe(before + 1);
		cardPage.close();
		for (let i = 0; i < 50 && present() !== before; i++)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(present()).toBe(before);
	});

	it('the queue of hands empties when the discussion of a product ends', async () => {
		const handsNow = () =>
			app.db.select().from(meetingHands).where(eq(meetingHands.sittingId, SITTING)).all().length;
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'questions' })).toBe('ok');
		expect(await send('member', 'hand:raise', { sittingId: SITTING })).toBe('ok');
		expect(await send('vice', 'hand:raise', { sittingId: SITTING })).toBe('ok');
		await send('member', 'sitting:join', { sittingId: SITTING });
		const told = new Promise<{ hands: unknown[] }>((resolve) =>
			clients.member.once('sitting:hands', resolve)
		);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'deferred' })).toBe('ok');
		expect(handsNow()).toBe(0);
		expect((await told).hands).toEqual([]);
		// A hand left from before (written any other way) does not carry over to the next product.
		expect(await send('member', 'hand:raise', { sittingId: SITTING })).toBe('ok');
		expect(await send('chair', 'item:move', { itemId: 'demo-item-2', to: 'presenting' })).toBe(
			'ok'
		);
		expect(handsNow()).toBe(0);
		expect(await send('member', 'hand:raise', { sittingId: SITTING })).toBe('ok');
		expect(await send('chair', 'item:move', { itemId: 'demo-item-2', to: 'questions' })).toBe('ok');
		expect(handsNow()).toBe(1);
	});

	it('a producer called on stage reads only the chat since their step began', async () => {
		app.db.delete(meetingChat).run();
		await send('producer', 'sitting:join', { sittingId: SITTING });
		expect(
			await send('chair', 'chat:send', { sittingId: SITTING, text: 'Trước khi mời trình bày' })
		).toBe('ok');
		const admitted = new Promise<SittingSnapshot>((resolve) =>
			clients.producer.once('sitting:state', resolve)
		);
		app.ctx.advance(1000);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe('ok');
		expect((await admitted).chat).toEqual([]);
		app.ctx.advance(1000);
		expect(await send('member', 'chat:send', { sittingId: SITTING, text: 'Mời anh chị' })).toBe(
			'ok'
		);
		// Joining again (a reload) brings what was said on their step, and nothing before it.
		const again = await snapshotOf('producer');
		expect(again.chat.map((m) => m.text)).toEqual(['Mời anh chị']);
		// The council still reads its whole history.
		const member = await snapshotOf('member');
		expect(member.chat.map((m) => m.text)).toEqual(['Trước khi mời trình bày', 'Mời anh chị']);
	});

	it('broadcasts item:state, admits the presenter from the lobby and sends them back', async () => {
		await send('producer', 'sitting:join', { sittingId: SITTING });
		await send('member', 'sitting:join', { sittingId: SITTING });
		const stateSeen = new Promise((resolve) => clients.member.once('item:state', resolve));
		const admitted = new Promise<{ me: { lobby: boolean } }>((resolve) =>
			clients.producer.once('sitting:state', resolve)
		);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe('ok');
		expect(await stateSeen).toMatchObject({
			sittingId: SITTING,
			itemId: ITEM,
			state: 'presenting'
		});
		expect((await admitted).me.lobby).toBe(false);
		const leave = new Promise((resolve) => clients.producer.once('av:leave', resolve));
		const back = new Promise<{ me: { lobby: boolean } }>((resolve) =>
			clients.producer.once('sitting:state', resolve)
		);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'scoring' })).toBe('ok');
		expect(await leave).toEqual({ sittingId: SITTING, reason: 'phase' });
		expect((await back).me.lobby).toBe(true);
		expect(await send('producer', 'chat:send', { sittingId: SITTING, text: 'x' })).toBe(
			'forbidden'
		);
	});

	it('tracks attendance through sockets and reports quorum', async () => {
		await send('vice', 'sitting:leave', { sittingId: SITTING });
		app.db.delete(meetingAttendance).run();
		const extra = await connect('vice');
		const ack = await extra.timeout(5000).emitWithAck('sitting:join', { sittingId: SITTING });
		expect(
			ack.ok && (ack.data as SittingSnapshot).attendance.find((a) => a.userId === ids.vice)?.present
		).toBe(true);
		const gone = new Promise<{ attendance: { userId: string; present: boolean }[] }>((resolve) =>
			clients.chair.on('sitting:attendance', (e) => {
				if (!e.attendance.find((a) => a.userId === ids.vice)?.present) resolve(e);
			})
		);
		await send('chair', 'sitting:join', { sittingId: SITTING });
		extra.close();
		await gone;
		clients.chair.off('sitting:attendance');
	});

	it('gives the full state back after a server restart', async () => {
		await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' });
		await send('chair', 'timer', { sittingId: SITTING, action: 'start' });
		await send('member', 'hand:raise', { sittingId: SITTING });
		await send('member', 'chat:send', { sittingId: SITTING, text: 'Câu hỏi về bao bì' });
		await send('chair', 'viewer:page', { itemId: ITEM, page: 3 });
		await send('member', 'sitting:join', { sittingId: SITTING });
		await app.restart();
		for (const c of Object.values(clients)) c.close();
		for (const who of ROLES) clients[who] = await connect(who);
		const ack = await clients.vice
			.timeout(5000)
			.emitWithAck('sitting:join', { sittingId: SITTING });
		if (!ack.ok) throw new Error(ack.error.message);
		const s = ack.data as SittingSnapshot;
		// Attendance survived the restart (clients that do not come back leave on their own).
		expect(s.attendance.find((a) => a.userId === ids.member)?.present).toBe(true);
		expect(s.currentItemId).toBe(ITEM);
		expect(s.agenda.find((a) => a.id === ITEM)?.state).toBe('presenting');
		expect(s.timer).toMatchObject({ itemId: ITEM, slotMs: 15 * 60_000 });
		expect(s.timer.startedAt).not.toBeNull();
		expect(s.hands.map((h) => h.userId)).toEqual([ids.member]);
		expect(s.chat.at(-1)?.text).toBe('Câu hỏi về bao bì');
		expect(s.viewer).toMatchObject({ itemId: ITEM, page: 3 });
		expect(app.db.select().from(meetingChat).all().length).toBeGreaterThan(0);
	});

	it('works the hands queue in order', async () => {
		await send('member', 'hand:raise', { sittingId: SITTING });
		app.ctx.advance(1000);
		await send('vice', 'hand:raise', { sittingId: SITTING });
		const first = await clients.chair
			.timeout(5000)
			.emitWithAck('hand:next', { sittingId: SITTING });
		expect(first.ok && first.data?.userId).toBe(ids.member);
		const second = await clients.chair
			.timeout(5000)
			.emitWithAck('hand:next', { sittingId: SITTING });
		expect(second.ok && second.data?.userId).toBe(ids.vice);
		const none = await clients.chair.timeout(5000).emitWithAck('hand:next', { sittingId: SITTING });
		expect(none).toEqual({ ok: true, data: null });
	});

	it('stops the presentation clock when questions begin, keeping the time presented', async () => {
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe('ok');
		expect(await send('chair', 'timer', { sittingId: SITTING, action: 'start' })).toBe('ok');
		app.ctx.advance(90_000);
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'questions' })).toBe('ok');
		app.ctx.advance(60_000);
		const ack = await clients.vice
			.timeout(5000)
			.emitWithAck('sitting:join', { sittingId: SITTING });
		if (!ack.ok) throw new Error(ack.error.message);
		const { timer } = ack.data as SittingSnapshot;
		expect(timer).toMatchObject({ itemId: ITEM, startedAt: null, elapsedMs: 90_000 });
		// Scoring leaves a stopped clock as it is.
		expect(await send('chair', 'item:move', { itemId: ITEM, to: 'scoring' })).toBe('ok');
		const row = app.db.select().from(meetingState).where(eq(meetingState.sittingId, SITTING)).get();
		expect(row).toMatchObject({ timerStartedAt: null, timerElapsedMs: 90_000 });
	});

	it('refuses a declared reason with hidden or direction-reversing characters, storing nothing', async () => {
		reset('pending', true);
		for (const reason of ['người\u202Ethân', 'họ hàng\u0000', 'a\u0007b']) {
			const ack = await clients.member
				.timeout(5000)
				.emitWithAck('conflict:declare', { itemId: ITEM, reason });
			expect(ack).toMatchObject({ ok: false, error: { code: 'bad-request' } });
			expect((ack as { error: { message: string } }).error.message).toMatch(/control characters/);
		}
		expect(app.db.select().from(conflicts).where(eq(conflicts.itemId, ITEM)).all()).toEqual([]);
		// Line breaks and tabs are text: a reason of two lines is declared.
		expect(
			await send('member', 'conflict:declare', {
				itemId: ITEM,
				reason: 'Người thân\n\tđồng sở hữu'
			})
		).toBe('ok');
	});

	it('says refusals in the person’s language', async () => {
		const ack = await clients.member
			.timeout(5000)
			.emitWithAck('item:move', { itemId: ITEM, to: 'presenting' });
		expect(ack).toEqual({
			ok: false,
			error: { code: 'forbidden', message: 'Only the chair can do this.' }
		});
	});
	it('opens scoring from the sitting’s date, not the day before', async () => {
		const original = app.db.select().from(sittings).where(eq(sittings.id, SITTING)).get()!;
		const startAt = (at: number) =>
			app.db.update(sittings).set({ startsAt: at }).where(eq(sittings.id, SITTING)).run();
		try {
			reset('questions', true);
			startAt(app.ctx.now() + 86_400_000);
			const early = await clients.chair
				.timeout(5000)
				.emitWithAck('item:move', { itemId: ITEM, to: 'scoring' });
			expect(early).toEqual({
				ok: false,
				error: {
					code: 'wrong-state',
					message: "The sitting is on a later day: scoring opens on the sitting's date."
				}
			});
			expect(app.db.select().from(agendaItems).where(eq(agendaItems.id, ITEM)).get()!.state).toBe(
				'questions'
			);
			// Later the same day (Việt Nam time) is the sitting's date: scoring opens.
			reset('questions', true);
			startAt(app.ctx.now() + 3 * 3_600_000);
			expect(await send('chair', 'item:move', { itemId: ITEM, to: 'scoring' })).toBe('ok');
		} finally {
			startAt(original.startsAt);
		}
	});
});

describe('a sitting out of session', () => {
	const rowsOf = () => ({
		chat: app.db.select().from(meetingChat).where(eq(meetingChat.sittingId, SITTING)).all().length,
		hands: app.db.select().from(meetingHands).where(eq(meetingHands.sittingId, SITTING)).all()
			.length,
		conflicts: app.db.select().from(conflicts).where(eq(conflicts.itemId, ITEM)).all().length,
		attendance: app.db
			.select()
			.from(meetingAttendance)
			.where(eq(meetingAttendance.sittingId, SITTING))
			.all().length
	});
	const setState = (state: 'draft' | 'adjourned') =>
		app.db.update(sittings).set({ state }).where(eq(sittings.id, SITTING)).run();

	it('a draft is nobody’s yet: no join, chat, hand, declaration or video, nothing written', async () => {
		reset('pending', true);
		app.db.delete(meetingAttendance).run();
		app.db.delete(meetingChat).run();
		setState('draft');
		try {
			const before = rowsOf();
			for (const who of ['chair', 'secretary', 'member', 'producer'] as const) {
				// What the sitting page's load asks first: the page answers 403 as to a stranger.
				expect(sittingAccess(app.db, SITTING, ids[who])).toBeNull();
				expect(await send(who, 'sitting:join', { sittingId: SITTING })).toBe('forbidden');
				expect(await send(who, 'chat:send', { sittingId: SITTING, text: 'nháp?' })).toBe(
					'forbidden'
				);
				expect(await send(who, 'hand:raise', { sittingId: SITTING })).toBe('forbidden');
				expect(await send(who, 'livekit:token', { sittingId: SITTING })).toBe('forbidden');
			}
			expect(await send('member', 'conflict:declare', { itemId: ITEM, reason: 'nháp' })).toBe(
				'forbidden'
			);
			expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe(
				'forbidden'
			);
			// The scoring commands name the item, not the sitting: they answered a draft's board
			// (members, product, progress) to its chair, and joining the item wrote the draft's
			// attendance register. An item of a draft agenda answers as a missing one.
			for (const who of ['chair', 'secretary', 'member'] as const)
				expect(await send(who, 'scoring:watch', { itemId: ITEM })).toBe('not-found');
			expect(await send('member', 'score:submit', { itemId: ITEM })).toBe('not-found');
			expect(await send('chair', 'item:close', { itemId: ITEM })).toBe('not-found');
			expect(await send('chair', 'item:rescore', { itemId: ITEM })).toBe('not-found');
			expect(rowsOf()).toEqual(before);
		} finally {
			reset('pending', true);
		}
	});

	it('an adjourned sitting is read as it ended: joined, but nothing added to it', async () => {
		reset('pending', true);
		app.db.delete(meetingAttendance).run();
		app.db.delete(meetingChat).run();
		setState('adjourned');
		try {
			const before = rowsOf();
			// Its record opens (agenda, results), and the register does not gain the reader.
			expect(await send('member', 'sitting:join', { sittingId: SITTING })).toBe('ok');
			expect(await send('chair', 'sitting:join', { sittingId: SITTING })).toBe('ok');
			const refused = await clients.member
				.timeout(5000)
				.emitWithAck('chat:send', { sittingId: SITTING, text: 'còn ai không?' });
			expect(refused).toEqual({
				ok: false,
				error: { code: 'wrong-state', message: 'The sitting is not published or has ended.' }
			});
			expect(await send('member', 'hand:raise', { sittingId: SITTING })).toBe('wrong-state');
			expect(await send('member', 'hand:lower', { sittingId: SITTING })).toBe('wrong-state');
			expect(await send('member', 'conflict:declare', { itemId: ITEM, reason: 'muộn' })).toBe(
				'wrong-state'
			);
			expect(await send('member', 'livekit:token', { sittingId: SITTING })).toBe('wrong-state');
			expect(await send('chair', 'hand:next', { sittingId: SITTING })).toBe('wrong-state');
			expect(await send('chair', 'timer', { sittingId: SITTING, action: 'start' })).toBe(
				'wrong-state'
			);
			expect(await send('chair', 'viewer:page', { itemId: ITEM, page: 2 })).toBe('wrong-state');
			expect(await send('chair', 'item:move', { itemId: ITEM, to: 'presenting' })).toBe(
				'wrong-state'
			);
			// A video arrival (LiveKit's webhook) after the end does not count either.
			markPresence(app.db, SITTING, ids.vice, 'video', 'arrived', app.ctx.now());
			expect(rowsOf()).toEqual(before);
		} finally {
			reset('pending', true);
		}
	});
});
