// A document, once numbered and dated, says the same thing each time it is printed, and cites
// only texts that exist on its date (Nghị định 30/2020: a text is cited by its number and date).
// The decision cites the council's report even when nobody downloaded the report first; the
// notice of results issued before the decision never cites that later decision.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { councils } from '../../src/lib/server/db/schema';
import { reportDocument } from '../../src/lib/server/documents';
import { decisionNumber } from '../../src/lib/server/documents/decision-number';
import { noticeDocument } from '../../src/lib/server/documents/notices';
import { decisionDocument } from '../../src/lib/server/documents/official';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
let ctx: TestContext;
let world: World;
let snack: LockedRecord;

/** 10:00 in Việt Nam on a day. */
const vnMorning = (iso: string) => Date.parse(`${iso}T03:00:00Z`);

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, vnMorning('2026-11-29'));
	const four: [number, number] = [1, 0];
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [four, four, four, four],
		publish: true,
		closedAt: vnMorning('2026-11-29')
	});
});

afterAll(() => {
	ctx.cleanup();
	return renderer.close();
});

describe('documents issued before the texts they might cite', () => {
	it('a notice dated before the decision does not cite it, before or after it is signed', async () => {
		// The office notifies the producer the day after the sitting.
		const first = (await noticeDocument(renderer, ctx.db, snack.seq, vnMorning('2026-11-30')))!;
		const before = flatText(first.pdf);
		expect(before).toContain('Đà Nẵng, ngày 30 tháng 11 năm 2026');
		// The report it rests on is cited although nobody downloaded the report.
		expect(before).toContain('Căn cứ Báo cáo số 01/BC-HĐOCOP ngày 29 tháng 11 năm 2026');

		const council = ctx.db.select().from(councils).where(eq(councils.id, world.councilId)).get()!;
		const number = decisionNumber(ctx.db, council, '', '2026-12-05', vnMorning('2026-12-05'))!;
		const decisionId = recordDecision(
			ctx.db,
			{
				councilId: world.councilId,
				number,
				decidedOn: '2026-12-05',
				signer: 'Nguyễn Văn Thành',
				signerTitle: 'Phó Chủ tịch',
				items: [{ seq: snack.seq, certificateNo: 'GCN-2026-001' }]
			},
			world.officeId,
			vnMorning('2026-12-05')
		);

		// Printed again after the decision: the same number, the same date, the same words.
		const again = (await noticeDocument(renderer, ctx.db, snack.seq, vnMorning('2026-12-06')))!;
		expect(again.number).toBe(first.number);
		const after = flatText(again.pdf);
		expect(after).not.toContain(number);
		expect(after).not.toContain('GCN-2026-001');
		expect(after).toBe(before);

		// The decision cites the report by the number the report carries when downloaded later.
		const decision = flatText((await decisionDocument(renderer, ctx.db, decisionId))!.pdf);
		expect(decision).toContain('tại Báo cáo số 01/BC-HĐOCOP ngày 29 tháng 11 năm 2026 và của');
		const report = (await reportDocument(renderer, ctx.db, snack.seq, { published: false }))!;
		expect(report.number).toBe('01/BC-HĐOCOP');
		expect(flatText(report.pdf)).toContain('Đà Nẵng, ngày 29 tháng 11 năm 2026');
	});
});
