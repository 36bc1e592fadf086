// The office's statistics over locked results: grouped by year, round, level, set, commune,
// stars and outcome, filtered by commune and outcome as well as the list's filters; the file
// versions read back with Vietnamese or English words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	readStatistics,
	statisticsCsv,
	statisticsXlsx
} from '../../src/lib/server/exports/statistics-export';
import { statFiltersOf } from '../../src/lib/server/results/statistics';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { readXlsx } from '../helpers/xlsx-read';

let ctx: TestContext;
let y26: ReturnType<typeof seedWorld>;

beforeAll(() => {
	ctx = makeTestContext();
	y26 = seedWorld(ctx.db, ctx.now(), { prefix: 'a', year: 2026, round: 2 });
	const y25 = seedWorld(ctx.db, ctx.now(), { prefix: 'b', year: 2025, round: 1 });
	const lock = (world: typeof y26, key: string, setNo: number, rank: number, commune?: string) =>
		lockProduct(ctx.db, world, {
			key,
			name: `SP ${key}`,
			setNo,
			commune,
			ranks: [rank, rank, rank, rank],
			closedAt: ctx.now()
		});
	lock(y26, 'p1', 7, 0, 'Xã Quế Sơn'); // 5★, forwarded
	lock(y26, 'p2', 7, 1, 'Xã Quế Sơn');
	lock(y26, 'p3', 6, 1, 'Xã Tiên Phước');
	lock(y25, 'p4', 7, 3);
});
afterAll(() => ctx.cleanup());

const url = (q: string) => new URL(`http://x/office/statistics?${q}`);

describe('statistics of the locked results', () => {
	it('counts, means and 3★-or-more per year, round, set, commune, stars and outcome', () => {
		const s = readStatistics(ctx.db, statFiltersOf(url('')), 'vi');
		expect(s.total).toBe(4);
		expect(s.by.year.map((g) => [g.label, g.count])).toEqual([
			['2026', 3],
			['2025', 1]
		]);
		expect(s.by.round.map((g) => g.label)).toEqual(['Đợt 2 năm 2026', 'Đợt 1 năm 2025']);
		expect(s.by.set.map((g) => [g.label.split('.')[0], g.count])).toEqual([
			['6', 1],
			['7', 3]
		]);
		expect(s.by.set[1].label).toMatch(/^7\. \p{L}/u);
		expect(s.by.commune.map((g) => [g.label, g.count])).toEqual([
			['(Chưa ghi xã)', 1],
			['Xã Quế Sơn', 2],
			['Xã Tiên Phước', 1]
		]);
		expect(s.by.stars[0]).toMatchObject({ label: '5★', count: 1, atLeast3: 1 });
		expect(s.by.outcome.find((g) => g.key === 'forwarded-central')).toMatchObject({
			label: 'Tiềm năng 5 sao, chuyển cấp trung ương',
			count: 1
		});
		const sum = s.by.year.reduce((n, g) => n + g.count, 0);
		expect(sum).toBe(s.total);
		// The overall mean is the mean of the four averages, to the hundredth.
		const quế = s.by.commune.find((g) => g.key === 'Xã Quế Sơn')!;
		expect(quế.average).not.toBeNull();
		expect(s.atLeast3).toBe(
			s.by.stars.filter((g) => Number(g.key) >= 3).reduce((n, g) => n + g.count, 0)
		);
	});

	it('filters by year, set, commune and outcome; junk filters are ignored', () => {
		expect(readStatistics(ctx.db, statFiltersOf(url('year=2025')), 'vi').total).toBe(1);
		expect(readStatistics(ctx.db, statFiltersOf(url('set=6')), 'vi').total).toBe(1);
		expect(
			readStatistics(ctx.db, statFiltersOf(url('commune=X%C3%A3%20Qu%E1%BA%BF%20S%C6%A1n')), 'vi')
				.total
		).toBe(2);
		expect(
			readStatistics(ctx.db, statFiltersOf(url('outcome=forwarded-central')), 'vi').total
		).toBe(1);
		for (const junk of ['year=abc', 'outcome=..%2F', 'set=-1', 'stars=9', 'level=%00', 'round=1e3'])
			expect(readStatistics(ctx.db, statFiltersOf(url(junk)), 'vi').total, junk).toBe(4);
		expect(readStatistics(ctx.db, statFiltersOf(url('commune=nowhere')), 'vi').total).toBe(0);
	});

	it('the XLSX has one sheet per dimension, each frozen and filtered, in the reader’s language', async () => {
		const s = readStatistics(ctx.db, statFiltersOf(url('')), 'vi');
		const sheets = readXlsx(await statisticsXlsx(s, 'vi'));
		expect(sheets.map((x) => x.name)).toEqual([
			'Tổng hợp',
			'Số sản phẩm theo năm',
			'Số sản phẩm theo đợt',
			'Số sản phẩm theo cấp',
			'Số sản phẩm theo bộ sản phẩm',
			'Số sản phẩm theo xã',
			'Số sản phẩm theo hạng sao',
			'Số sản phẩm theo kết luận',
			'Số sản phẩm theo quyết định'
		]);
		for (const sheet of sheets) {
			expect(sheet.pane, sheet.name).toEqual({ ySplit: 1, state: 'frozen' });
			expect(sheet.autoFilter, sheet.name).toMatch(/^A1:E\d+$/);
		}
		const communes = sheets[5];
		expect(communes.cells.get('A1')!.value).toBe('Xã');
		expect(communes.cells.get('A3')!.value).toBe('Xã Quế Sơn');
		expect(communes.cells.get('B3')).toMatchObject({ type: 'n', value: '2' });
		const en = readXlsx(
			await statisticsXlsx(readStatistics(ctx.db, statFiltersOf(url('')), 'en'), 'en')
		);
		expect(en[7].name).toBe('Products by outcome');
		expect([...en[7].cells.values()].map((c) => c.value)).toContain(
			'Potential 5★, forwarded to the central level'
		);
	});

	it('counts by recognition decision apart from the council’s conclusion', () => {
		const before = readStatistics(ctx.db, statFiltersOf(url('')), 'vi');
		const byDecision = (s: typeof before) => s.by.decision.map((g) => [g.label, g.count]);
		const awaiting = before.by.decision.find((g) => g.key === 'awaiting')!;
		// Nothing is decided yet: every result at 3★ or more waits for the province's decision.
		expect(awaiting.count).toBe(before.atLeast3);
		const rows = (q: string) => readStatistics(ctx.db, statFiltersOf(url(q)), 'vi');
		const [fiveStar] = [rows('year=2026&stars=5')];
		expect(fiveStar.total).toBe(1);
		// The province forwards the 5★ product and recognises the 2026 4★ ones.
		const seqs = ctx.db.$client
			.prepare('select l.seq as seq, l.stars as stars from locked_results l order by l.seq')
			.all() as { seq: number; stars: number | null }[];
		const five = seqs.filter((r) => r.stars === 5);
		// Products at 3★ or 4★ are recognised at their own level.
		const four = seqs.filter((r) => r.stars === 3 || r.stars === 4);
		expect(five.length).toBe(1);
		expect(four.length).toBeGreaterThan(0);
		recordDecision(
			ctx.db,
			{
				councilId: y26.councilId,
				number: '12/QĐ-UBND',
				decidedOn: '2026-12-01',
				signer: 'Trần Nam Hưng',
				signerTitle: 'Phó Chủ tịch',
				items: [
					{ seq: five[0].seq, certificateNo: '' },
					...four.map((r, i) => ({ seq: r.seq, certificateNo: `GCN-${i + 1}` }))
				]
			},
			y26.officeId,
			Date.parse('2026-12-01T03:00:00Z')
		);
		const after = readStatistics(ctx.db, statFiltersOf(url('')), 'vi');
		expect(byDecision(after)).toEqual(
			[
				...[4, 3].map((n) => [`Đã công nhận ${n} sao`, four.filter((r) => r.stars === n).length]),
				['Đã chuyển Bộ, chờ công nhận 5 sao', 1],
				['Chờ quyết định công nhận', before.atLeast3 - four.length - 1],
				['Không thuộc diện công nhận', after.total - before.atLeast3]
			].filter(([, n]) => n)
		);
		// The council's conclusion is unchanged by the decision.
		expect(after.by.outcome).toEqual(before.by.outcome);
		const en = readStatistics(ctx.db, statFiltersOf(url('')), 'en');
		expect(en.by.decision[0].label).toBe(
			`Recognised ${Math.max(...four.map((r) => r.stars!))} stars`
		);
	});

	it('the CSV has the same tables under their titles, numbers written the Vietnamese way', () => {
		const s = readStatistics(ctx.db, statFiltersOf(url('')), 'vi');
		const csv = statisticsCsv(s, 'vi');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('Số sản phẩm theo xã\r\nXã,Số sản phẩm,Điểm trung bình');
		// A mean like 82,67 is quoted: its comma is the decimal mark, not a separator.
		expect(csv).toMatch(/\r\nXã Quế Sơn,2,"\d+,\d+",/);
	});
});
