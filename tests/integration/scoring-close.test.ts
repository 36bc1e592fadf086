import type { BoardMember } from '../../src/lib/protocol/scoring-events';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import type { AppServer } from '../../server/app-server';
import { cardReceipt } from '../../src/lib/domain/result-record';
import { describeProblem, verifyDatabaseChain } from '../../src/lib/server/chain';
import { headLogPath, latestChainHead } from '../../src/lib/server/chain-head';
import { renameSync } from 'node:fs';
import { lockContextOf } from '../../src/lib/server/results/lock-context';
import { existingPublicKey } from '../../src/lib/server/signing';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { agendaItems, conflicts, lockedResults, scorecards } from '../../src/lib/server/db/schema';
import { openAppServer } from '../helpers/app-server';
import type { TestContext } from '../helpers/context';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { tickCard, until } from './yjs-helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Env {
	ctx: TestContext;
	server: AppServer;
	f: ScoringFixture;
	sockets: Client[];
	/** Whose connection each socket is. */
	people: Map<Client, Person>;
	/** Closes the server and deletes its database. */
	close(): Promise<void>;
}
let env: Env | null = null;

async function setup(): Promise<Env> {
	const app = await openAppServer({
		seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
	});
	const { ctx, server, seeded: f, close } = app;
	env = { ctx, server, f, sockets: [], people: new Map(), close };
	return env;
}
afterEach(async () => {
	if (!env) return;
	for (const s of env.sockets) s.close();
	await env.close();
	env = null;
});

async function join(e: Env, who: Person): Promise<Client> {
	const s: Client = connectIo(e.server.url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: e.server.url, cookie: e.f.cookies[who] },
		reconnection: false
	});
	e.sockets.push(s);
	e.people.set(s, who);
	await new Promise<void>((resolve, reject) => {
		s.once('connect', () => resolve());
		s.once('connect_error', reject);
	});
	const ack = await s.timeout(5000).emitWithAck('scoring:watch', { itemId: e.f.itemId });
	if (!ack.ok && who !== 'recused' && who !== 'outsider') throw new Error(JSON.stringify(ack));
	return s;
}

/** The submit command alone: the server records the card it holds for the sender. */
const send = (s: Client, itemId: string) => s.timeout(5000).emitWithAck('score:submit', { itemId });

/** The member ticks `choices` on their card (when they may write it), then submits. */
async function submit(s: Client, itemId: string, choices: Record<string, number>) {
	const e = env!;
	const who = e.people.get(s)!;
	await tickCard(e.server, { itemId, userId: e.f.ids[who], cookie: e.f.cookies[who] }, choices);
	return send(s, itemId);
}
const close = (s: Client, itemId: string, reason?: string) =>
	s.timeout(5000).emitWithAck('item:close', { itemId, override: reason ? { reason } : null });

describe('scoring commands', () => {
	it('watch gives the chair the board, a member their status, and refuses the rest', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const ack = await chair.timeout(5000).emitWithAck('scoring:watch', { itemId: e.f.itemId });
		expect(ack.ok && ack.data.role).toBe('staff');
		expect(ack.ok && ack.data.board?.members.length).toBe(5);
		const self = ack.ok
			? ack.data.board?.members.find((m: BoardMember) => m.userId === e.f.ids.chair)
			: null;
		expect(self?.connected).toBe(true);
		const m1 = await join(e, 'm1');
		const mine = await m1.timeout(5000).emitWithAck('scoring:watch', { itemId: e.f.itemId });
		expect(mine.ok && mine.data).toMatchObject({ role: 'scorer', board: null });
		const recused = await join(e, 'recused');
		const r = await recused.timeout(5000).emitWithAck('scoring:watch', { itemId: e.f.itemId });
		expect(r.ok ? 'ok' : r.error.code).toBe('forbidden');
		const outsider = await join(e, 'outsider');
		const o = await outsider.timeout(5000).emitWithAck('scoring:watch', { itemId: e.f.itemId });
		expect(o.ok ? 'ok' : o.error.code).toBe('forbidden');
	});

	it('submit validates against the rubric and the item state', async () => {
		const e = await setup();
		const m1 = await join(e, 'm1');
		const bad = await submit(m1, e.f.itemId, { '9.9': 0 });
		expect(bad.ok ? 'ok' : bad.error.code).toBe('bad-request');
		const range = await submit(m1, e.f.itemId, { '1.1': 42 });
		expect(range.ok ? 'ok' : range.error.code).toBe('bad-request');
		const chair = await join(e, 'chair');
		const notMine = await submit(e.sockets[0], e.f.itemId, card());
		expect(notMine.ok).toBe(true);
		const secretary = await join(e, 'secretary');
		const ns = await submit(secretary, e.f.itemId, card());
		expect(ns.ok ? 'ok' : ns.error.code).toBe('forbidden');
		void chair;
		expect(e.ctx.db.select().from(scorecards).all()).toHaveLength(1);
	});

	it('submit records the card the server holds, never the choices a client sends', async () => {
		const e = await setup();
		const m1 = await join(e, 'm1');
		const mine = { itemId: e.f.itemId, userId: e.f.ids.m1, cookie: e.f.cookies.m1 };
		const onCard = card(5);
		expect(await tickCard(e.server, mine, onCard)).toBe('held');
		const storedCard = () =>
			e.ctx.db
				.select({ choices: scorecards.choices })
				.from(scorecards)
				.where(eq(scorecards.userId, e.f.ids.m1))
				.get()?.choices;
		// A hostile client names other choices, in every shape the old payload allowed and more.
		const forged = [card(), { ...onCard, '1.1': 0 }, { '9.9': 0 }, { '1.1': 42 }, 'card()', null];
		for (const choices of forged) {
			const ack = await m1.timeout(5000).emitWithAck('score:submit', {
				itemId: e.f.itemId,
				choices
			} as never);
			expect(ack.ok).toBe(true);
			expect(storedCard()).toEqual(onCard);
		}
		// An empty card on the server is recorded as empty, whatever the payload claims.
		const m2 = await join(e, 'm2');
		const ack = await m2
			.timeout(5000)
			.emitWithAck('score:submit', { itemId: e.f.itemId, choices: card() } as never);
		expect(ack.ok && ack.data.round).toBe(1);
		const m2row = e.ctx.db.select().from(scorecards).where(eq(scorecards.userId, e.f.ids.m2)).get();
		expect(m2row?.choices).toEqual({});
	});

	it('close is refused with what is missing: quorum, then incomplete cards', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const q = await close(chair, e.f.itemId);
		expect(q.ok ? 'ok' : q.error).toMatchObject({
			code: 'not-quorate',
			details: { blocked: 'quorum', present: 1, required: 3, missing: 2 }
		});
		const m1 = await join(e, 'm1');
		await join(e, 'm2');
		await submit(m1, e.f.itemId, card());
		const inc = await close(chair, e.f.itemId);
		expect(inc.ok ? 'ok' : inc.error.code).toBe('conflict');
		const details = !inc.ok
			? (inc.error.details as {
					blocked: string;
					missing: { userId: string; submitted: boolean }[];
				})
			: null;
		expect(details?.blocked).toBe('incomplete');
		expect(details?.missing.map((m) => m.userId).sort()).toEqual(
			[e.f.ids.chair, e.f.ids.m2].sort()
		);
		expect(details?.missing.every((m) => !m.submitted)).toBe(true);
		const item = e.ctx.db.select().from(agendaItems).where(eq(agendaItems.id, e.f.itemId)).get();
		expect(item?.state).toBe('scoring');
		expect(e.ctx.db.select().from(lockedResults).all()).toHaveLength(0);
	});

	it('the spread rule forces a re-score; earlier rounds go into the locked record', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const [m1, m2, m3] = [await join(e, 'm1'), await join(e, 'm2'), await join(e, 'm3')];
		const locked = new Promise((resolve) => m1.once('result:locked', resolve));
		const receipt = new Promise<{ receipt: string }>((resolve) =>
			m2.once('scoring:receipt', resolve)
		);
		for (const s of [chair, m1, m2]) expect((await submit(s, e.f.itemId, card())).ok).toBe(true);
		expect((await submit(m3, e.f.itemId, card(12))).ok).toBe(true);
		const blocked = await close(chair, e.f.itemId);
		expect(blocked.ok ? 'ok' : blocked.error).toMatchObject({
			code: 'conflict',
			details: { blocked: 'spread', low: [{ userId: e.f.ids.m3 }] }
		});
		const short = await close(chair, e.f.itemId, 'ngắn');
		expect(short.ok ? 'ok' : short.error.code).toBe('conflict');
		const again = await chair.timeout(5000).emitWithAck('item:rescore', { itemId: e.f.itemId });
		expect(again).toEqual({ ok: true, data: { round: 2 } });
		const m3card = card(1);
		for (const s of [chair, m1, m2]) await submit(s, e.f.itemId, card());
		const mine = await submit(m3, e.f.itemId, m3card);
		const done = await close(chair, e.f.itemId);
		expect(done.ok).toBe(true);
		const row = e.ctx.db.select().from(lockedResults).get()!;
		expect(row.record.earlierRounds).toHaveLength(4);
		expect(row.record.cards.filter((c) => !c.recused)).toHaveLength(4);
		expect(row.record.cards.every((c) => c.round === 2)).toBe(true);
		expect(await locked).toMatchObject({ itemId: e.f.itemId, stars: row.stars, hash: row.hash });
		const m2card = row.record.cards.find((c) => c.member === e.f.ids.m2)!;
		expect((await receipt).receipt).toBe(m2card.receipt);
		const { receipt: r3, ...m3rest } = row.record.cards.find((c) => c.member === e.f.ids.m3)!;
		expect(cardReceipt(m3rest)).toBe(r3);
		expect(mine.ok && mine.data.receipt).toBe(r3);
		// The names readers see are hashed in, and the lock is attested: a signed head for it, and
		// every stored card of both rounds agrees with the record.
		expect(row.record.context).toEqual(lockContextOf(e.ctx.db, e.f.itemId));
		expect(latestChainHead(e.ctx.db)).toMatchObject({ seq: row.seq, hash: row.hash });
		const check = verifyDatabaseChain(e.ctx.db, { publicKey: existingPublicKey(e.ctx.file) });
		expect(check.problems.map(describeProblem)).toEqual([]);
		// Stopped between the first lock's commit and its head (the log not yet written): that one
		// record reads unsigned, as any tip whose head was not written, not as a log removed.
		renameSync(headLogPath(e.ctx.file), `${headLogPath(e.ctx.file)}.aside`);
		const first = verifyDatabaseChain(e.ctx.db, { publicKey: existingPublicKey(e.ctx.file) });
		expect(first.problems).toEqual([{ seq: row.seq, problem: 'unsigned' }]);
		renameSync(`${headLogPath(e.ctx.file)}.aside`, headLogPath(e.ctx.file));
		const late = await submit(m1, e.f.itemId, card());
		expect(late.ok ? 'ok' : late.error.code).toBe('wrong-state');
	});

	it('a card submitted before its author recused stays out of the result, and the chain is intact', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const [m1, m2, m3] = [await join(e, 'm1'), await join(e, 'm2'), await join(e, 'm3')];
		for (const s of [chair, m1, m2, m3])
			expect((await submit(s, e.f.itemId, card())).ok).toBe(true);
		// The office records m3's conflict while the item is scoring (what its form does).
		e.ctx.db
			.insert(conflicts)
			.values({
				itemId: e.f.itemId,
				userId: e.f.ids.m3,
				reason: 'Người thân làm việc tại cơ sở',
				declaredBy: e.f.ids.secretary,
				at: e.ctx.now()
			})
			.run();
		const done = await close(chair, e.f.itemId);
		expect(done.ok).toBe(true);
		const row = e.ctx.db.select().from(lockedResults).get()!;
		expect(row.record.cards.find((c) => c.member === e.f.ids.m3)).toMatchObject({ recused: true });
		expect(e.ctx.db.select().from(scorecards).all()).toHaveLength(4);
		const check = verifyDatabaseChain(e.ctx.db, { publicKey: existingPublicKey(e.ctx.file) });
		expect(check.problems.map(describeProblem)).toEqual([]);
	});

	it('the chair may close over the spread with a written reason', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const [m1, m2, m3] = [await join(e, 'm1'), await join(e, 'm2'), await join(e, 'm3')];
		for (const s of [chair, m1, m2]) await submit(s, e.f.itemId, card());
		await submit(m3, e.f.itemId, card(12));
		const reason = 'Hội đồng đã thảo luận, giữ nguyên điểm của các thành viên';
		const done = await close(chair, e.f.itemId, reason);
		expect(done.ok && done.data.override).toEqual({ reason });
		const row = e.ctx.db.select().from(lockedResults).get()!;
		expect(row.record.override).toEqual({ reason, blocked: 'spread' });
		expect(row.record.result.blocked).toBe('spread');
	});

	it('an override reason with control characters or bidi overrides is refused and locks nothing', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const [m1, m2, m3] = [await join(e, 'm1'), await join(e, 'm2'), await join(e, 'm3')];
		for (const s of [chair, m1, m2]) await submit(s, e.f.itemId, card());
		await submit(m3, e.f.itemId, card(12));
		const reason = 'Hội đồng đã thảo luận, giữ nguyên điểm';
		for (const bad of [`${reason}\u0000`, `${reason} \u202Eđấu`, `${reason}\u001b[2J`]) {
			const refused = await close(chair, e.f.itemId, bad);
			expect(refused.ok ? 'ok' : refused.error.code, JSON.stringify(bad)).toBe('bad-request');
			expect(refused.ok ? '' : refused.error.message).toContain('không được chứa ký tự điều khiển');
			expect(e.ctx.db.select().from(lockedResults).all()).toEqual([]);
		}
		// Line breaks are fine in a reason.
		const done = await close(chair, e.f.itemId, `${reason}.\nĐã biểu quyết.`);
		expect(done.ok).toBe(true);
	});

	it('submit racing close: in the result or refused "closed", never half', async () => {
		for (let round = 0; round < 4; round++) {
			const e = await setup();
			const chair = await join(e, 'chair');
			const [m1, m2] = [await join(e, 'm1'), await join(e, 'm2')];
			for (const s of [chair, m1, m2]) await submit(s, e.f.itemId, card());
			// m3 is not connected, so the close is not blocked by m3's missing card.
			const { io } = await import('socket.io-client');
			const m3: Client = io(e.server.url, {
				path: '/socket.io/',
				transports: ['websocket'],
				extraHeaders: { origin: e.server.url, cookie: e.f.cookies.m3 },
				reconnection: false
			});
			e.sockets.push(m3);
			await new Promise((resolve) => m3.once('connect', () => resolve(null)));
			// m3's card is on the server before the race; its Yjs connection is gone again.
			const m3card = { itemId: e.f.itemId, userId: e.f.ids.m3, cookie: e.f.cookies.m3 };
			expect(await tickCard(e.server, m3card, card(1))).toBe('held');
			await until(() => !e.server.realtime.hub.connectedUsers(e.f.itemId).has(e.f.ids.m3));
			const order = round % 2 === 0;
			const [s, c] = order
				? await Promise.all([send(m3, e.f.itemId), close(chair, e.f.itemId)])
				: (await Promise.all([close(chair, e.f.itemId), send(m3, e.f.itemId)])).reverse();
			expect(c.ok).toBe(true);
			const row = e.ctx.db.select().from(lockedResults).get()!;
			const inRecord = row.record.cards.find((x) => x.member === e.f.ids.m3);
			const stored = e.ctx.db
				.select()
				.from(scorecards)
				.where(eq(scorecards.userId, e.f.ids.m3))
				.all();
			if (s.ok) {
				expect(inRecord?.receipt).toBe(s.data.receipt);
				expect(stored).toHaveLength(1);
			} else {
				expect(s.error.code).toBe('wrong-state');
				expect(s.error.message).toMatch(/khóa|locked/);
				expect(inRecord).toBeUndefined();
				expect(stored).toHaveLength(0);
			}
			for (const x of e.sockets) x.close();
			await e.close();
			env = null;
		}
	});

	it('a locked row cannot be updated or deleted', async () => {
		const e = await setup();
		const chair = await join(e, 'chair');
		const [m1, m2] = [await join(e, 'm1'), await join(e, 'm2')];
		for (const s of [chair, m1, m2]) await submit(s, e.f.itemId, card());
		expect((await close(chair, e.f.itemId)).ok).toBe(true);
		const sqlite = e.ctx.db.$client;
		expect(() => sqlite.prepare('update locked_results set stars = 5').run()).toThrow(/immutable/);
		expect(() => sqlite.prepare('delete from locked_results').run()).toThrow(/immutable/);
		const again = await close(chair, e.f.itemId);
		expect(again.ok ? 'ok' : again.error.code).toBe('wrong-state');
	});
});
