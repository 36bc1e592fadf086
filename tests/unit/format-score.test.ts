import { describe, expect, it, vi } from 'vitest';
import { formatAverage, formatNumber, formatPercent, formatScore } from '../../src/lib/i18n/format';

describe('scores as people write them', () => {
	it.each([
		[82.67, '82,67', '82.67'],
		[82.5, '82,5', '82.5'],
		[100, '100', '100'],
		[0, '0', '0'],
		[1234.5, '1234,5', '1234.5']
	])('%s → vi %s, en %s', (value, vi, en) => {
		expect(formatScore(value, 'vi')).toBe(vi);
		expect(formatScore(value, 'en')).toBe(en);
	});

	it('shows a dash for no figure', () => {
		expect(formatScore(null, 'vi')).toBe('—');
		expect(formatScore(undefined, 'en')).toBe('—');
	});
});

describe('averages with exactly two decimals (RULES.md: show 2 decimals, rounded half up)', () => {
	it.each([
		[75, '75,00', '75.00'],
		[82.67, '82,67', '82.67'],
		[82.5, '82,50', '82.50'],
		[82.665, '82,67', '82.67'],
		[99.995, '100,00', '100.00'],
		[0, '0,00', '0.00'],
		[1234.5, '1234,50', '1234.50']
	])('%s → vi %s, en %s', (value, vi, en) => {
		expect(formatAverage(value, 'vi')).toBe(vi);
		expect(formatAverage(value, 'en')).toBe(en);
	});

	it('as Intl writes them with two fraction digits', () => {
		for (const v of [1 / 3, 2 / 3, 100 / 7, 1.005, 89.995, 70, 49.999]) {
			for (const locale of ['vi', 'en'] as const) {
				const intl = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
					minimumFractionDigits: 2,
					maximumFractionDigits: 2,
					useGrouping: false
				});
				expect(formatAverage(v, locale)).toBe(intl.format(v));
			}
		}
	});

	it('shows a dash for no figure', () => {
		expect(formatAverage(null, 'vi')).toBe('—');
		expect(formatAverage(undefined, 'en')).toBe('—');
	});
});

describe('figures written without Intl, as Intl writes them', () => {
	const intl = (locale: 'vi' | 'en', digits: number, grouping: boolean) =>
		new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
			maximumFractionDigits: digits,
			useGrouping: grouping
		});
	// Halves at every decimal place (where rounding differs between methods), nines that carry
	// into a new digit, negatives and zero, and figures of every size up to a billion.
	const values = [
		0,
		-0,
		1.005,
		2.5,
		0.5,
		-2.5,
		0.125,
		82.665,
		99.995,
		999.95,
		9999.5,
		1e-6,
		123456789.125,
		-0.004,
		-1234.5,
		33.35,
		66.65,
		1 / 3,
		2 / 3,
		100 / 7
	];
	let seed = 7;
	const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	for (let i = 0; i < 3000; i++) {
		const scale = 10 ** Math.floor(random() * 10 - 1);
		const v = Math.round(random() * scale * 1000) / 1000;
		values.push(random() < 0.2 ? -v : v, Math.round(random() * 100000) / 100);
	}

	it.each([
		['vi', 0],
		['vi', 1],
		['vi', 2],
		['en', 0],
		['en', 1],
		['en', 2]
	] as const)('%s with %i decimals: every figure the same', (locale, digits) => {
		const grouped = intl(locale, digits, true);
		const scores = intl(locale, 2, false);
		const wrong = values.filter(
			(v) =>
				formatNumber(v, locale, digits) !== grouped.format(v) ||
				formatScore(v, locale) !== scores.format(v)
		);
		expect(wrong.map((v) => [v, formatNumber(v, locale, digits), grouped.format(v)])).toEqual([]);
	});

	it('percentages as Intl writes the share', () => {
		for (const share of [0, 0.3335, 1 / 3, 0.9995, 1, 0.12345, 12.3456]) {
			expect(formatPercent(share, 'vi')).toBe(`${intl('vi', 1, true).format(share * 100)} %`);
			expect(formatPercent(share, 'en')).toBe(`${intl('en', 1, true).format(share * 100)}%`);
		}
	});
});

describe('figures without loading Intl in the browser', () => {
	it('writes every figure a page shows without making an Intl number format', async () => {
		// A browser's first Intl number format costs 20–50 ms of the main thread (its locale data),
		// in the middle of a page's first render: Lighthouse's blocking time on every page.
		const made = vi.spyOn(Intl, 'NumberFormat');
		try {
			// A fresh copy of the module: nothing made by the tests above is reused.
			vi.resetModules();
			const fresh = await import('../../src/lib/i18n/format');
			for (const locale of ['vi', 'en'] as const) {
				fresh.formatScore(82.67, locale);
				fresh.formatAverage(75, locale);
				fresh.formatNumber(1234567, locale);
				fresh.formatNumber(0.5, locale, 1);
				fresh.formatPercent(1 / 3, locale);
			}
			expect(made).not.toHaveBeenCalled();
		} finally {
			made.mockRestore();
		}
	});
});
