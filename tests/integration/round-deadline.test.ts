// Creating a round: its cutoff keeps to procedure 4, and the refusal says the allowed dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createRound, listRounds } from '../../src/lib/server/councils/rounds';
import { makeTestContext, type TestContext } from '../helpers/context';
import { refusalOf } from '../helpers/refusal-of';
import { seedScoringFixture } from './scoring-fixture';

let ctx: TestContext;
let office: SessionUser;
beforeAll(() => {
	ctx = makeTestContext();
	const f = seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now());
	office = { id: f.ids.secretary } as SessionUser;
});
afterAll(() => ctx.cleanup());

const round = (number: number, cutoffDate: string) =>
	createRound(
		ctx.db,
		office,
		'c1',
		{ year: 2027, number, name: `Đợt ${number} năm 2027`, cutoffDate },
		ctx.now()
	);

describe('a new round', () => {
	it('is refused when round 1 closes after 30/6, naming the dates, and nothing is stored', () => {
		const before = listRounds(ctx.db, 'c1').length;
		const e = refusalOf(() => round(1, '2027-08-15'));
		expect(e.key).toBe('council.errors.roundCutoff');
		expect(translator('vi')(e.key, e.params)).toBe(
			'Đợt 1 năm 2027 phải kết thúc trong khoảng từ ngày 01/01/2027 đến ngày 30/06/2027 ' +
				'(đợt 1 trước ngày 30/6, đợt 2 và các đợt sau trước ngày 30/12); ngày kết thúc ' +
				'15/08/2027 nằm ngoài khoảng đó.'
		);
		expect(listRounds(ctx.db, 'c1')).toHaveLength(before);
	});

	it('is refused when round 2 or a later one closes after 30/12 or in another year', () => {
		for (const [n, cutoff] of [
			[2, '2027-12-31'],
			[3, '2028-01-05'],
			[2, '2026-12-20']
		] as const)
			expect(refusalOf(() => round(n, cutoff)).key, `${n} ${cutoff}`).toBe(
				'council.errors.roundCutoff'
			);
	});

	it('is created on the deadlines themselves', () => {
		expect(typeof round(1, '2027-06-30')).toBe('string');
		expect(typeof round(2, '2027-12-30')).toBe('string');
		expect(typeof round(3, '2027-12-15')).toBe('string');
	});
});
