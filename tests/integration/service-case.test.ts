// Set 26 (rural tourism): the dossier states the product's case, and both the self-assessment
// and the member's card answer criteria 8, 9 and 15 within it. The member's card goes through a
// real socket to the app server; the dossier through the producer's own functions.
import { eq } from 'drizzle-orm';
import { io as connectIo, type Socket } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { listLeaves, optionCount, type RubricCriterion } from '../../src/lib/domain/rubric';
import { getRubric } from '../../src/lib/domain/rubrics';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { dossiers, products, scorecards } from '../../src/lib/server/db/schema';
import { attempt } from '../../src/lib/server/refusal-kit';
import { getChoices, saveSelfAssessment } from '../../src/lib/server/dossiers/self-assessment';
import { registerProduct } from '../../src/lib/server/dossiers/registration';
import { submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import { scorecardPageData } from '../../src/lib/server/scoring/page-data';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';
import { tickCard } from './yjs-helpers';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const tourism = getRubric('qd26-2026', 26);
const leafOf = (code: string) => listLeaves(tourism).find((l) => l.leaf.code === code)!.leaf;
/** The best option of a criterion within a case (or any, outside the cases). */
function best(leaf: RubricCriterion, c: 'a' | 'b'): number {
	if (leaf.options.length === 0) return 1;
	const fits = [...Array(optionCount(leaf)).keys()].filter(
		(i) => !leaf.options[i].case || leaf.options[i].case === c
	);
	return fits.sort((x, y) => leaf.options[y].points - leaf.options[x].points)[0];
}
const cardIn = (c: 'a' | 'b') =>
	Object.fromEntries(listLeaves(tourism).map(({ leaf }) => [leaf.code, best(leaf, c)]));

const app = useAppServer({
	seed: async (ctx) => {
		await seedDemo(ctx.db, ctx.now());
		const seeded = seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now());
		ctx.db.update(products).set({ productSetNo: 26 }).where(eq(products.id, 'p1')).run();
		return seeded;
	},
	timeoutMs: 60_000
});
let f: ScoringFixture;
beforeAll(() => {
	f = app.seeded;
});

function producer(): SessionUser {
	const u = findUserByEmail(app.db, 'htx.datquang@ocop.demo')!;
	const { id, email, name, role, organizationId, communeCode } = u;
	return { id, email, name, role, organizationId, communeCode };
}

describe('the case a set-26 dossier states', () => {
	it('is chosen on the dossier, checked, and keeps the self-assessment within it', () => {
		const who = producer();
		const id = registerProduct(
			app.db,
			who,
			{ name: 'Du lịch cộng đồng làng Trà Quế', setNo: 26, kind: 'first', sampleCount: 0 },
			app.ctx.now()
		);
		const save = (choices: Record<string, number>, c?: string) =>
			attempt('vi', {}, () => saveSelfAssessment(app.db, who, id, choices, app.ctx.now(), c));
		const row = () => app.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!;

		for (const bad of ['c', 'A', '1', 'a ', 'ab', '%61', 'x'.repeat(5000)])
			expect(save({}, bad), bad).toMatchObject({
				status: 400,
				data: { message: expect.stringContaining('Trường hợp 1') }
			});
		// Submitting without a case says what to choose.
		expect(attempt('vi', {}, () => submitDossier(app.db, who, id, app.ctx.now()))).toMatchObject({
			data: { message: expect.stringMatching(/^Hãy chọn trường hợp của sản phẩm/) }
		});

		const b8 = leafOf('8').options.findIndex((o) => o.case === 'b');
		const first = listLeaves(tourism)[0].leaf.code;
		expect(save({ [first]: 0 }, 'a')).toBeUndefined();
		expect(row().serviceCase).toBe('a');
		// An option of the other case is refused with the criterion named; nothing changes.
		expect(save({ [first]: 1, '8': b8 }, 'a')).toMatchObject({
			data: {
				message:
					'Tiêu chí 8: lựa chọn không thuộc Trường hợp 1 mà hồ sơ đã chọn. Hãy chọn lại trong Trường hợp 1.'
			}
		});
		expect(save({ '8': b8 })).toMatchObject({ status: 400 });
		expect(getChoices(app.db, id)).toEqual({ [first]: 0 });
		// The same answer fits once the dossier states case 2.
		expect(save({ '8': b8 }, 'b')).toBeUndefined();
		expect([row().serviceCase, getChoices(app.db, id)]).toEqual(['b', { '8': b8 }]);
		// Cleared, the case is asked again at submission.
		expect(save({}, '')).toBeUndefined();
		expect(row().serviceCase).toBeNull();
	});

	it('is refused on a product set whose scorecard has no cases', () => {
		const who = producer();
		const id = registerProduct(
			app.db,
			who,
			{ name: 'Trà xanh', setNo: 7, kind: 'first', sampleCount: 1 },
			app.ctx.now()
		);
		const r = attempt('en', {}, () => saveSelfAssessment(app.db, who, id, {}, app.ctx.now(), 'a'));
		expect(r).toMatchObject({ data: { message: expect.stringContaining('Case 1') } });
		expect(app.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!.serviceCase).toBeNull();
	});

	it('keeps the member’s card within the dossier’s case, as the server checks it', async () => {
		const setCase = (c: 'a' | 'b' | null) =>
			app.db.update(dossiers).set({ serviceCase: c }).where(eq(dossiers.id, 'd1')).run();
		setCase('a');
		expect(scorecardPageData(app.db, f.sittingId, f.itemId, f.ids.m1).serviceCase).toBe('a');
		const socket: Client = connectIo(app.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: app.url, cookie: `${f.cookies.m1}; ocop_lang=vi` },
			reconnection: false
		});
		await new Promise((resolve) => socket.once('connect', () => resolve(null)));
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const submit = (payload: any) => socket.timeout(5000).emitWithAck('score:submit', payload);
		const stored = () =>
			app.db.select().from(scorecards).where(eq(scorecards.itemId, f.itemId)).all().length;

		// Submit records the member's card as the server holds it (never the payload's choices):
		// the card is ticked over Yjs, as the browser does, then submitted.
		const mine = { itemId: f.itemId, userId: f.ids.m1, cookie: f.cookies.m1 };
		const wrong = cardIn('b');
		for (const [card, payload] of [
			[wrong, { itemId: f.itemId }],
			// The case is the dossier's, never the caller's.
			[wrong, { itemId: f.itemId, serviceCase: 'b' }],
			[{ ...cardIn('a'), '15': best(leafOf('15'), 'b') }, { itemId: f.itemId }]
		] as const) {
			expect(await tickCard(app.server, mine, card)).toBe('held');
			const ack = await submit(payload);
			expect(ack).toMatchObject({ ok: false, error: { code: 'bad-request' } });
			expect(ack.ok || ack.error.message).toMatch(/trường hợp khác/);
		}
		expect(stored()).toBe(0);
		expect(await tickCard(app.server, mine, cardIn('a'))).toBe('held');
		expect(await submit({ itemId: f.itemId })).toMatchObject({ ok: true });
		expect(stored()).toBe(1);
		// A dossier filed before the case was asked keeps both cases open, as the form allows,
		// but one card still answers within one case (RULES.md), as `ocop rate` checks too.
		setCase(null);
		const mixed = { ...cardIn('a'), '15': best(leafOf('15'), 'b') };
		expect(await tickCard(app.server, mine, mixed)).toBe('held');
		const refused = await submit({ itemId: f.itemId });
		expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } });
		expect(refused.ok || refused.error.message).toMatch(/cả hai trường hợp/);
		expect(await tickCard(app.server, mine, wrong)).toBe('held');
		expect(await submit({ itemId: f.itemId })).toMatchObject({ ok: true });
		socket.close();
	});
});
