// The results pages' charts read counts grouped in SQL (resultChartCounts) instead of every row:
// for each filter they must draw exactly what the full list of rows would have drawn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { averageDistribution, starsBySet } from '../../src/lib/server/results/charts';
import {
	listResults,
	resultChartCounts,
	type ResultFilters
} from '../../src/lib/server/results/repository';
import { rowStanding } from '../../src/lib/server/results/standing-facts';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';

let ctx: TestContext;

beforeAll(() => {
	ctx = makeTestContext();
	const world = seedWorld(ctx.db, ctx.now());
	const all = (r: number | [number, number]) => [r, r, r, r];
	const specs = [
		// Two alike: one group of two in SQL, two rows in the list.
		{ key: 'a1', name: 'Snack chuối Bana', setNo: 7, ranks: all([1, 0]), publish: true },
		{ key: 'a2', name: 'Snack chuối Tiên', setNo: 7, ranks: all([1, 0]), publish: true },
		{ key: 'b', name: 'TPBVSK SAPHRATON', setNo: 7, ranks: all(0), publish: true },
		{ key: 'c', name: 'Ngũ cốc Duy Oanh', setNo: 6, ranks: all([3, 3]), publish: true },
		{ key: 'd', name: 'Đèn lồng Dé Lantana', setNo: 7, ranks: all([1, 0]) },
		{ key: 'e', name: 'Mứt gừng Quế Sơn', setNo: 6, ranks: all([2, 1]) }
	];
	specs.forEach((s, i) => lockProduct(ctx.db, world, { ...s, closedAt: ctx.now() + i }));
});
afterAll(() => ctx.cleanup());

const setName = (no: number) => `Bộ ${no}`;
const FILTERS: ResultFilters[] = [{}, { setNo: 7 }, { stars: 4 }, { q: 'snack' }, { year: 1999 }];

describe('chart counts', () => {
	it.each([true, false])('published=%s: the charts equal those drawn from every row', (pub) => {
		const today = '2026-11-29';
		for (const f of FILTERS) {
			const listed = listResults(ctx.db, f, { published: pub, limit: 1000, offset: 0, today });
			// The public's chart draws the level recognised and in force today, the office's the
			// council's result.
			const rows = listed.rows.map((r) =>
				pub ? { ...r, stars: rowStanding(r, today).recognizedStars } : r
			);
			const counted = resultChartCounts(ctx.db, f, pub, today);
			expect(averageDistribution(counted)).toEqual(averageDistribution(rows));
			expect(starsBySet(counted, setName)).toEqual(starsBySet(rows, setName));
			expect(counted.reduce((n, c) => n + c.n, 0)).toBe(rows.length);
		}
	});

	it('groups alike results into one counted row', () => {
		const counted = resultChartCounts(ctx.db, { q: 'snack' }, true, '2026-11-29');
		expect(counted).toHaveLength(1);
		expect(counted[0].n).toBe(2);
	});
});
