// Publishing, public reads and recognition decisions on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { resultDetail } from '../../src/lib/server/results/detail';
import {
	certificateWatch,
	decisionCandidates,
	recordDecision
} from '../../src/lib/server/results/decisions';
import { decisionItems, recognitionDecisions } from '../../src/lib/server/db/schema';
import { isRefusal } from '../../src/lib/server/refusal';
import { getResult, listResults } from '../../src/lib/server/results/repository';
import { publishResult } from '../../src/lib/server/results/publication';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let four: LockedRecord;
let five: LockedRecord;
let two: LockedRecord;
let hidden: LockedRecord;

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	// Locked before the decision of 20/12/2023 that recognises them.
	const at = Date.parse('2023-12-15T03:00:00Z');
	const all = (r: number | [number, number]) => [r, r, r, r];
	four = lockProduct(ctx.db, world, {
		key: 'four',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: all([1, 0]),
		publish: true,
		closedAt: at
	});
	five = lockProduct(ctx.db, world, {
		key: 'five',
		name: 'TPBVSK SAPHRATON',
		setNo: 7,
		ranks: all(0),
		publish: true,
		closedAt: at + 1
	});
	two = lockProduct(ctx.db, world, {
		key: 'two',
		name: 'Ngũ cốc Duy Oanh',
		setNo: 6,
		ranks: all([3, 3]),
		publish: true,
		closedAt: at + 2
	});
	hidden = lockProduct(ctx.db, world, {
		key: 'hidden',
		name: 'Đèn lồng Dé Lantana',
		setNo: 7,
		ranks: all([1, 0]),
		closedAt: at + 3
	});
});
afterAll(() => ctx.cleanup());

describe('public reads', () => {
	it('lists, filters and opens only published results', () => {
		const pub = listResults(ctx.db, {}, { published: true, limit: 50, offset: 0 });
		expect(pub.rows.map((r) => r.productName)).not.toContain('Đèn lồng Dé Lantana');
		expect(pub.total).toBe(3);
		expect(getResult(ctx.db, hidden.seq, { published: true })).toBeNull();
		expect(getResult(ctx.db, hidden.seq, { published: false })).not.toBeNull();
		// The public star filter is the recognised level: a 4★ proposal without its decision is not
		// listed under "4 sao" (the office's own list filters by the council's result).
		const byStars = listResults(
			ctx.db,
			{ stars: 4 },
			{ published: true, limit: 50, offset: 0, today: '2026-11-29' }
		);
		expect(byStars.rows.map((r) => r.seq)).toEqual([]);
		const office = listResults(ctx.db, { stars: 4 }, { published: false, limit: 50, offset: 0 });
		expect(office.rows.map((r) => r.seq)).toEqual([four.seq, hidden.seq]);
		const search = listResults(
			ctx.db,
			{ q: 'đèn lồng' },
			{ published: true, limit: 50, offset: 0 }
		);
		expect(search.total).toBe(0);
		const page2 = listResults(ctx.db, {}, { published: true, limit: 2, offset: 2 });
		expect(page2.rows).toHaveLength(1);
	});

	it('shows members as "Thành viên n" unless the council publishes names', () => {
		const found = getResult(ctx.db, four.seq, { published: true })!;
		const anon = resultDetail(ctx.db, found.row, found.record, {
			showNames: false,
			anonymous: (n) => `Thành viên ${n}`
		});
		expect(anon.members.map((m) => m.label)).toEqual([
			'Thành viên 1',
			'Thành viên 2',
			'Thành viên 3',
			'Thành viên 4'
		]);
		const named = resultDetail(ctx.db, found.row, found.record, {
			showNames: true,
			anonymous: String
		});
		expect(named.members[1].label).toBe('Lê Thị Minh Nguyệt');
		expect(anon.stars).toBe(4);
		expect(anon.cappedBy).toBe('band');
		expect(anon.criteria.length).toBeGreaterThan(10);
	});

	it('publishes once; a second publish is refused', () => {
		publishResult(ctx.db, hidden.seq, world.officeId, ctx.now());
		expect(getResult(ctx.db, hidden.seq, { published: true })).not.toBeNull();
		expect(() => publishResult(ctx.db, hidden.seq, world.officeId, ctx.now())).toThrow(
			'results.alreadyPublished'
		);
		expect(() => publishResult(ctx.db, 999, world.officeId, ctx.now())).toThrow('results.notFound');
	});
});

describe('recognition decisions', () => {
	it('offers 3–4★ for recognition and 5★ for forwarding, never 1–2★', () => {
		const c = decisionCandidates(ctx.db);
		expect(c.find((x) => x.seq === four.seq)?.outcome).toBe('recognized');
		expect(c.find((x) => x.seq === five.seq)?.outcome).toBe('forwarded-central');
		expect(c.find((x) => x.seq === two.seq)).toBeUndefined();
	});

	it('records the decision with certificates valid 36 months and lists the forwarded 5★', () => {
		const input = {
			councilId: world.councilId,
			number: '100/QĐ-UBND',
			decidedOn: '2023-12-20',
			signer: 'Trần Văn Phước',
			signerTitle: 'Phó Chủ tịch UBND thành phố'
		};
		expect(() =>
			recordDecision(
				ctx.db,
				{ ...input, items: [{ seq: four.seq, certificateNo: '' }] },
				world.officeId,
				ctx.now()
			)
		).toThrow('results.decisions.badCertificate');
		expect(() =>
			recordDecision(
				ctx.db,
				{ ...input, items: [{ seq: two.seq, certificateNo: 'x' }] },
				world.officeId,
				ctx.now()
			)
		).toThrow('results.decisions.notEligible');
		recordDecision(
			ctx.db,
			{
				...input,
				items: [
					{ seq: four.seq, certificateNo: '01/GCN' },
					{ seq: five.seq, certificateNo: '' }
				]
			},
			world.officeId,
			ctx.now()
		);
		const recognised = (stars: number) =>
			listResults(
				ctx.db,
				{ stars },
				{ published: true, limit: 50, offset: 0, today: '2026-11-29' }
			).rows.map((r) => r.seq);
		// Recognised by the decision: listed under 4 sao; the forwarded 5★ is still only a candidate.
		expect(recognised(4)).toEqual([four.seq]);
		expect(recognised(5)).toEqual([]);
		const found = getResult(ctx.db, four.seq, { published: true })!;
		expect(found.row).toMatchObject({
			decisionNumber: '100/QĐ-UBND',
			certificateNo: '01/GCN',
			expiresOn: '2026-12-19' // 36 months: 20/12/2023 through 19/12/2026
		});
		const watch = certificateWatch(ctx.db, '2026-07-01');
		expect(watch.window.map((l) => l.seq)).toEqual([four.seq]);
		expect(watch.forwarded.map((l) => l.seq)).toEqual([five.seq]);
		expect(certificateWatch(ctx.db, '2026-12-21').expired.map((l) => l.seq)).toEqual([four.seq]);
		expect(decisionCandidates(ctx.db).map((c) => c.seq)).toEqual([hidden.seq]);
		expect(() =>
			recordDecision(
				ctx.db,
				{ ...input, items: [{ seq: hidden.seq, certificateNo: '02/GCN' }] },
				world.officeId,
				ctx.now()
			)
		).toThrow('results.decisions.numberTaken');
	});

	it('refuses a decision dated before the lock or after today, changing nothing', () => {
		// Locked on 29/11/2026, the test clock's day.
		const fresh = lockProduct(ctx.db, world, {
			key: 'fresh',
			name: 'Trà sâm Ngọc Linh',
			setNo: 7,
			ranks: [
				[1, 0],
				[1, 0],
				[1, 0],
				[1, 0]
			],
			closedAt: ctx.now()
		});
		const before = {
			decisions: ctx.db.select().from(recognitionDecisions).all(),
			items: ctx.db.select().from(decisionItems).all()
		};
		const attempt = (decidedOn: string, now = ctx.now()) => {
			try {
				recordDecision(
					ctx.db,
					{
						councilId: world.councilId,
						number: `${decidedOn}/QĐ-UBND`,
						decidedOn,
						signer: 'Trần Văn Phước',
						signerTitle: 'Phó Chủ tịch UBND thành phố',
						items: [{ seq: fresh.seq, certificateNo: `GCN-${decidedOn}` }]
					},
					world.officeId,
					now
				);
			} catch (e) {
				if (isRefusal(e)) return { key: e.key, params: e.params };
				throw e;
			}
			return null;
		};
		// The certificate would have expired the day it was issued.
		expect(attempt('2020-01-01')).toEqual({
			key: 'results.decisions.beforeLock',
			params: { product: 'Trà sâm Ngọc Linh', locked: '29/11/2026' }
		});
		expect(attempt('2026-11-28')?.key).toBe('results.decisions.beforeLock');
		// Valid to 2034 from a decision not yet signed.
		expect(attempt('2031-05-05')).toEqual({
			key: 'results.decisions.futureDate',
			params: { today: '29/11/2026' }
		});
		expect(attempt('2026-11-30')?.key).toBe('results.decisions.futureDate');
		// Today is Việt Nam's day: 23:30 on 29/11 there is 16:30 UTC.
		expect(attempt('2026-11-30', Date.parse('2026-11-29T16:30:00Z'))?.key).toBe(
			'results.decisions.futureDate'
		);
		expect(attempt('2026-02-30')?.key).toBe('results.decisions.badDate');
		expect(ctx.db.select().from(recognitionDecisions).all()).toEqual(before.decisions);
		expect(ctx.db.select().from(decisionItems).all()).toEqual(before.items);
		// The lock's own day is the earliest, and today the latest.
		expect(attempt('2026-11-29')).toBeNull();
	});
});
