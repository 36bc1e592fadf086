// Certificate dates and the re-evaluation window (RULES.md 10), table-driven.
import { describe, expect, it } from 'vitest';
import { certificateExpiry, certificateState, vnDate } from '../../src/lib/server/results/figures';
import { whyThisStarVi } from '../../src/lib/server/documents/words';
import { translator } from '../../src/lib/i18n';
import { scoreBandLabel } from '../../src/lib/i18n/format';
import { averageDistribution } from '../../src/lib/server/results/charts';
import type { ResultRow } from '../../src/lib/server/results/repository';

describe('certificate expiry: the last valid day of 36 months from the decision', () => {
	// The decision's day is the first valid day; the last is the day before its third anniversary.
	it.each([
		['2026-06-15', '2029-06-14'],
		['2025-12-26', '2028-12-25'],
		// No 29/02/2027: the anniversary rolls to 01/03, so 28/02 is the last day.
		['2024-02-29', '2027-02-28'],
		['2026-01-31', '2029-01-30'],
		['2023-11-30', '2026-11-29'],
		['2026-01-01', '2028-12-31']
	])('%s → %s', (from, to) => expect(certificateExpiry(from)).toBe(to));

	it('is valid for exactly 36 months: never the anniversary itself', () => {
		for (const d of ['2026-06-15', '2026-12-06', '2025-03-31'])
			expect(certificateExpiry(d) < `${Number(d.slice(0, 4)) + 3}${d.slice(4)}`).toBe(true);
	});
});

describe('certificate state', () => {
	const expires = '2027-06-30';
	it.each([
		['2026-12-31', 'valid'], // 181 days left
		['2027-01-01', 're-evaluation'], // 180 days left
		['2027-03-02', 're-evaluation'], // 120 days left
		['2027-03-03', 'valid'], // 119 days: past the filing window, not yet expired
		['2027-06-30', 'valid'],
		['2027-07-01', 'expired']
	])('on %s', (today, state) => expect(certificateState(expires, today)).toBe(state));
});

describe('dates in Việt Nam time', () => {
	it('an instant late on the UTC day is already the next day in Việt Nam', () => {
		expect(vnDate(Date.UTC(2026, 11, 31, 17, 30))).toBe('2027-01-01');
		expect(vnDate(Date.UTC(2026, 11, 31, 16, 59))).toBe('2026-12-31');
	});
});

describe('why this star, in the documents', () => {
	it('names the failed star minimums when they cap the rank', () => {
		const lines = whyThisStarVi({
			average: 80.5,
			band: 4,
			floor: 3,
			stars: 3,
			cappedBy: 'floor',
			failedLevels: [{ level: 4, failed: [{ code: '6.1', label: 'Chất lượng' }] }]
		});
		// Averages with two decimals (RULES.md), a round one too.
		expect(lines.join(' ')).toContain('Điểm trung bình 80,50 thuộc khung 4 sao');
		expect(
			whyThisStarVi({
				average: 75,
				band: 4,
				floor: 4,
				stars: 4,
				cappedBy: null,
				failedLevels: []
			})[0]
		).toContain('Điểm trung bình 75,00 thuộc khung 4 sao');
		expect(lines.join(' ')).toContain('chưa đạt mức 4 sao ở tiêu chí 6.1 (Chất lượng)');
		expect(lines.at(-1)).toBe(
			'Hạng sao là mức thấp hơn giữa khung điểm (4 sao) và yêu cầu tối thiểu theo dấu sao (3 sao): 3 sao; hạng sao bị giới hạn bởi yêu cầu tối thiểu theo dấu sao.'
		);
	});

	it('says the rule in words on the results page too, in Vietnamese and English', () => {
		const params = { band: 4, floor: 3, stars: 3 };
		expect(translator('vi')('results.whyStars', params)).toBe(
			'Hạng sao là mức thấp hơn giữa khung điểm (4 sao) và yêu cầu tối thiểu theo dấu sao (3 sao): 3 sao.'
		);
		expect(translator('en')('results.whyStars', params)).toBe(
			'Stars: the lower of the score band (4★) and the star minimums (3★): 3★.'
		);
	});
});

describe('distribution of averages', () => {
	it('bins on the star bands, half-open: 89.99 is in the 4★ bar, 90 in the 5★ bar', () => {
		const rows = [2999, 3000, 6999, 8999, 9000, 10000, null].map(
			(averageHundredths) => ({ averageHundredths }) as ResultRow
		);
		expect(averageDistribution(rows).map((b) => b.value)).toEqual([1, 1, 1, 1, 2]);
	});

	it("names each band in the reader's language: a decimal comma only in Vietnamese", () => {
		const bands = averageDistribution([]);
		const labels = (locale: 'vi' | 'en') => bands.map((b) => scoreBandLabel(b.lo, b.hi, locale));
		expect(labels('vi')).toEqual(['< 30', '30 – 49,99', '50 – 69,99', '70 – 89,99', '≥ 90']);
		expect(labels('en')).toEqual(['< 30', '30 – 49.99', '50 – 69.99', '70 – 89.99', '≥ 90']);
	});
});
