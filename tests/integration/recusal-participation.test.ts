// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// A member recused from an item steps out of its discussion while it is live, as they would leave
// the room: the built server refuses their chat and raised hand (in their language, storing
// nothing), drops a hand they had raised, and lets them back when another item opens. They keep
// reading, leaving and joining. The /member form refuses a declaration on a deferred item by the
// socket's rule, with the socket's message. The steps run in order on one sitting.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { ItemState } from '../../src/lib/domain/meeting';
import type { SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import type { Db } from '../../src/lib/server/db/client';
import { conflicts, meetingChat, meetingHands } from '../../src/lib/server/db/schema';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { postForm } from '../helpers/http-from';
import {
	command,
	connectAs,
	nextEvent,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';

const STEPPED_OUT = {
	vi: translator('vi')('meeting.errors.recusedDiscussion'),
	en: translator('en')('meeting.errors.recusedDiscussion')
};
const ITEM_OVER = {
	vi: translator('vi')('meeting.errors.itemOver'),
	en: translator('en')('meeting.errors.itemOver')
};

const built = useBuiltApp({ seed: (db) => seedRecusalWorld(db, Date.now()) });
let db: Db;
let app: AppProcess;
let w: RecusalWorld;
const people = ['chair', 'secretary', 'm1', 'm2', 'm3', 'recused'] as const;
const s = {} as Record<(typeof people)[number] | 'recusedEn', Client>;

beforeAll(async () => {
	({ app, db, seeded: w } = built);
	for (const p of people) s[p] = await connectAs(app.url, w.cookies[p]);
	s.recusedEn = await connectAs(app.url, w.cookies.recused, 'en');
	for (const socket of Object.values(s))
		expect(await command(socket, 'sitting:join', { sittingId: w.sittingId })).toMatchObject({
			ok: true
		});
});
afterAll(() => {
	for (const socket of Object.values(s ?? {})) socket.close();
});

const sitting = () => ({ sittingId: w.sittingId });
const chat = (text: string) => ({ sittingId: w.sittingId, text });
const refusedAs = (message: string) => ({ ok: false, error: { code: 'forbidden', message } });
const rowsOf = (userId: string) => ({
	chat: db.select().from(meetingChat).where(eq(meetingChat.userId, userId)).all().length,
	hand: db.select().from(meetingHands).where(eq(meetingHands.userId, userId)).all().length
});

async function move(itemId: string, to: ItemState) {
	expect(await command(s.chair, 'item:move', { itemId, to })).toMatchObject({ ok: true });
}

/**
 * A refused command makes a round trip that broadcasts nothing: every event the server sent this
 * socket before it has arrived, so a listener added next hears only what follows.
 */
async function settle(who: Client) {
	expect(await command(who, 'sitting:join', {})).toMatchObject({ ok: false });
}

/** Chat and hand of one person are accepted (and the hand lowered again). */
async function takesPart(who: Client, text = 'Ý kiến về bao bì') {
	expect(await command(who, 'chat:send', chat(text))).toMatchObject({ ok: true });
	expect(await command(who, 'hand:raise', sitting())).toEqual({ ok: true, data: null });
	expect(await command(who, 'hand:lower', sitting())).toEqual({ ok: true, data: null });
}

describe('a recused member while their item is live', () => {
	it('takes part like anyone before the sitting opens, and keeps a raised hand', async () => {
		await takesPart(s.recused);
		expect(await command(s.recused, 'hand:raise', sitting())).toMatchObject({ ok: true });
		expect(rowsOf(w.ids.recused).hand).toBe(1);
	});

	it('leaves the hands queue when their item goes live, and everyone sees it', async () => {
		await settle(s.m1);
		const queue = nextEvent(s.m1, 'sitting:hands', (e) => e.sittingId === w.sittingId);
		await move(w.itemId, 'presenting');
		expect((await queue).hands).toEqual([]);
		expect(rowsOf(w.ids.recused).hand).toBe(0);
	});

	for (const state of ['presenting', 'questions', 'scoring'] as const)
		it(`is refused chat and the floor while it is ${state}, in their language, storing nothing`, async () => {
			if (state !== 'presenting') await move(w.itemId, state);
			const before = rowsOf(w.ids.recused);
			expect(await command(s.recused, 'chat:send', chat('Tôi xin ý kiến'))).toEqual(
				refusedAs(STEPPED_OUT.vi)
			);
			expect(await command(s.recused, 'hand:raise', sitting())).toEqual(refusedAs(STEPPED_OUT.vi));
			expect(await command(s.recusedEn, 'chat:send', chat('A word'))).toEqual(
				refusedAs(STEPPED_OUT.en)
			);
			expect(await command(s.recusedEn, 'hand:raise', sitting())).toEqual(
				refusedAs(STEPPED_OUT.en)
			);
			expect(rowsOf(w.ids.recused)).toEqual(before);
			expect(STEPPED_OUT.vi).not.toBe(STEPPED_OUT.en);
			// The others go on; the recused member still reads the room's chat.
			const text = `Ý kiến của thành viên khi ${state}`;
			const heard = nextEvent(s.recused, 'sitting:chat', (e) => e.message.text === text);
			await takesPart(s.m1, text);
			expect((await heard).message.userId).toBe(w.ids.m1);
		});

	it('still lowers a hand, leaves, rejoins and reads the item, told what they are recused from', async () => {
		expect(await command(s.recused, 'hand:lower', sitting())).toEqual({ ok: true, data: null });
		expect(await command(s.recused, 'sitting:leave', sitting())).toEqual({ ok: true, data: null });
		const again = await command<SittingSnapshot>(s.recused, 'sitting:join', sitting());
		if (!again.ok) throw new Error(again.error.message);
		expect(again.data.me.recusedFrom).toEqual([w.itemId]);
		expect(again.data.currentItemId).toBe(w.itemId);
		expect(again.data.viewer.itemId).toBe(w.itemId);
		expect(again.data.attendance.find((a) => a.userId === w.ids.recused)?.present).toBe(true);
	});

	it('takes part again between items and when the next item opens', async () => {
		await move(w.itemId, 'deferred');
		await takesPart(s.recused);
		await move(w.otherItemId, 'presenting');
		await takesPart(s.recused);
		await takesPart(s.recusedEn);
	});

	it('steps out at once on declaring a conflict on the live item', async () => {
		expect(await command(s.m2, 'hand:raise', sitting())).toMatchObject({ ok: true });
		await settle(s.chair);
		const queue = nextEvent(s.chair, 'sitting:hands', (e) =>
			e.hands.every((h) => h.userId !== w.ids.m2)
		);
		const declared = await command(s.m2, 'conflict:declare', {
			itemId: w.otherItemId,
			reason: 'Người thân làm ở cơ sở'
		});
		expect(declared).toEqual({ ok: true, data: null });
		await queue;
		expect(await command(s.m2, 'chat:send', chat('Xin phát biểu'))).toEqual(
			refusedAs(STEPPED_OUT.vi)
		);
		expect(await command(s.m2, 'hand:raise', sitting())).toEqual(refusedAs(STEPPED_OUT.vi));
		expect(rowsOf(w.ids.m2).hand).toBe(0);
	});

	it('never gets the floor on a conflict the office recorded while the item is live', async () => {
		expect(await command(s.m1, 'hand:raise', sitting())).toMatchObject({ ok: true });
		// A form action, not a socket command (tests/integration/recusal-form-live.test.ts
		// follows its live effects).
		const res = await postForm(
			'127.0.0.1',
			`${app.url}/office/sittings/${w.sittingId}?/conflict`,
			{ itemId: w.otherItemId, userId: w.ids.m1, reason: 'Góp vốn vào cơ sở' },
			{ cookie: w.cookies.secretary }
		);
		expect(res.status).toBe(200);
		expect(await command(s.chair, 'hand:next', sitting())).toEqual({ ok: true, data: null });
		expect(rowsOf(w.ids.m1).hand).toBe(0);
		expect(await command(s.m1, 'chat:send', chat('Xin phát biểu'))).toEqual(
			refusedAs(STEPPED_OUT.vi)
		);
	});
});

describe('declaring a conflict on a deferred item', () => {
	const declaredBy = (userId: string, itemId: string) =>
		db
			.select()
			.from(conflicts)
			.where(and(eq(conflicts.userId, userId), eq(conflicts.itemId, itemId)))
			.all().length;
	const post = (itemId: string, lang: 'vi' | 'en') =>
		postForm(
			'127.0.0.1',
			`${app.url}/member?/conflict`,
			{ itemId, reason: 'Quen biết cơ sở' },
			{ cookie: `${w.cookies.m3}; ocop_lang=${lang}` }
		);
	const shown = (body: string) => body.match(/data-testid="form-error"[^>]*>\s*([^<]*?)\s*</)?.[1];

	it('is refused by the /member form with the socket command’s message, in both languages', async () => {
		// `i1` was deferred above.
		for (const lang of ['vi', 'en'] as const) {
			const res = await post(w.itemId, lang);
			expect(res.status).toBe(400);
			expect(shown(res.body)).toBe(ITEM_OVER[lang]);
		}
		const socketAck = await command(s.m3, 'conflict:declare', {
			itemId: w.itemId,
			reason: 'Quen biết cơ sở'
		});
		expect(socketAck).toEqual({
			ok: false,
			error: { code: 'wrong-state', message: ITEM_OVER.vi }
		});
		expect(declaredBy(w.ids.m3, w.itemId)).toBe(0);
	});

	it('is accepted by the same form on an item not yet decided', async () => {
		const res = await post(w.otherItemId, 'vi');
		expect(res.status).toBe(200);
		expect(shown(res.body)).toBeUndefined();
		expect(declaredBy(w.ids.m3, w.otherItemId)).toBe(1);
	});
});
