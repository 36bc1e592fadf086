// A result's life after the council, as the public list, its star filter, its counts and its
// chart read it: a revoked or expired certificate, and a 5★ candidate the Ministry recognises.
// One rule (rowStanding) for all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { ministryPackages } from '../../src/lib/server/db/schema';
import { starsBySet } from '../../src/lib/server/results/charts';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { vnDate } from '../../src/lib/server/results/figures';
import {
	getResult,
	listResults,
	resultChartCounts,
	type ResultFilters
} from '../../src/lib/server/results/repository';
import { publishResult } from '../../src/lib/server/results/publication';
import { rowStanding } from '../../src/lib/server/results/standing-facts';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct } from '../helpers/locked-results';

let ctx: TestContext;
let cw: CertifiedWorld;
let candidate: number;

beforeAll(() => {
	ctx = makeTestContext();
	// Three 4★ certificates of 02/12/2023, valid 36 months, through 01/12/2026; the clock is 29/11/2026.
	cw = seedCertified(ctx.db, ctx.now(), ['a', 'b', 'c'], '2023-12-02', 'pl');
	candidate = lockProduct(ctx.db, cw.world, {
		key: 'pl-five',
		name: 'Trà sâm Ngọc Linh',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		closedAt: ctx.now() + 10
	}).seq;
});
afterAll(() => ctx.cleanup());

const today = () => vnDate(ctx.now());
const list = (f: ResultFilters = {}) =>
	listResults(ctx.db, f, { published: true, limit: 50, offset: 0, today: today() });
const listed = (stars: number) => {
	const { rows, total } = list({ stars });
	return { seqs: rows.map((r) => r.seq), total };
};
const chart = (f: ResultFilters = {}) =>
	starsBySet(resultChartCounts(ctx.db, f, true, today()), String).map((s) => s.counts);
const kindOf = (seq: number) => {
	const found = getResult(ctx.db, seq, { published: true })!;
	return rowStanding(found.row, today());
};
const [a, b, c] = [0, 1, 2].map((i) => () => cw.certs[i].seq);

describe('a revoked certificate', () => {
	it('is rated while valid', () => {
		expect(listed(4)).toEqual({ seqs: [a(), b(), c()], total: 3 });
		expect(chart()).toEqual([{ 4: 3 }]);
		expect(kindOf(a())).toMatchObject({ kind: 'recognized', recognizedStars: 4 });
	});

	it('stays listed, marked revoked, and is no longer counted or filtered as rated', () => {
		revokeCertificate(
			ctx.db,
			cw.office.id,
			{
				seq: a(),
				ground: 'Kết quả kiểm nghiệm không đạt chỉ tiêu vi sinh',
				number: '',
				decidedOn: '2026-11-29',
				signer: 'Trần Nam Hưng',
				signerTitle: 'Phó Chủ tịch UBND thành phố'
			},
			ctx.now()
		);
		expect(listed(4)).toEqual({ seqs: [b(), c()], total: 2 });
		expect(chart()).toEqual([{ 4: 2 }]);
		expect(chart({ stars: 4 })).toEqual([{ 4: 2 }]);
		expect(list().rows.map((r) => r.seq)).toContain(a());
		expect(kindOf(a())).toEqual({
			kind: 'revoked',
			recognizedStars: null,
			councilStars: 4,
			stars: 4
		});
	});
});

describe('an expired certificate', () => {
	it('is rated through its last valid day, and from the next day is listed as expired', () => {
		ctx.advance(vnMorning('2026-12-01') - ctx.now());
		expect(listed(4).total).toBe(2);
		// 00:30 on 02/12 in Việt Nam is still 01/12 in UTC: the day is Việt Nam's.
		ctx.advance(Date.parse('2026-12-01T17:30:00Z') - ctx.now());
		expect(today()).toBe('2026-12-02');
		expect(listed(4)).toEqual({ seqs: [], total: 0 });
		expect(chart()).toEqual([]);
		expect(kindOf(b())).toMatchObject({ kind: 'expired', recognizedStars: null, stars: 4 });
		expect(list().total).toBe(3);
	});
});

describe('a province 5★ candidate', () => {
	it('is not rated until the Ministry recognises it, then is 5★ in the list, filter and chart', () => {
		recordDecision(
			ctx.db,
			{
				councilId: cw.world.councilId,
				number: '56/QĐ-UBND',
				decidedOn: today(),
				signer: 'Lê Trung Chinh',
				signerTitle: 'Chủ tịch UBND thành phố',
				items: [{ seq: candidate, certificateNo: '' }]
			},
			cw.office.id,
			ctx.now()
		);
		publishResult(ctx.db, candidate, cw.office.id, ctx.now());
		expect(kindOf(candidate).kind).toBe('candidate-central');
		expect(listed(5).total).toBe(0);
		expect(chart()).toEqual([]);
		ctx.db
			.insert(ministryPackages)
			.values({
				id: 'answer-five',
				direction: 'in',
				kind: 'central-result',
				manifestSha256: 'm-five',
				signerKey: 'central',
				seq: candidate,
				originSeq: 901,
				originHash: 'h-five',
				answersId: 'candidate-five',
				outcome: 'recognized',
				stars: 5,
				createdAt: ctx.now()
			})
			.run();
		expect(kindOf(candidate)).toMatchObject({ kind: 'recognized', recognizedStars: 5 });
		expect(listed(5)).toEqual({ seqs: [candidate], total: 1 });
		expect(chart()).toEqual([{ 5: 1 }]);
	});
});
