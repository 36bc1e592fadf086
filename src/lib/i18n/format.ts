import type { Locale } from './index';

const formats = new Map<Locale, Intl.NumberFormat>();

/**
 * A score or an average as people write it: "82,67" in Vietnamese, "82.67" in English, at most
 * two decimals (scores are kept in hundredths), "—" for none.
 */
export function formatScore(value: number | null | undefined, locale: Locale): string {
	if (value === null || value === undefined) return '—';
	let f = formats.get(locale);
	if (!f) {
		f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
			maximumFractionDigits: 2,
			useGrouping: false
		});
		formats.set(locale, f);
	}
	return f.format(value);
}
