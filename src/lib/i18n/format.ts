import type { Locale } from './index';

// Numbers and dates as each language writes them: Vietnamese "82,67", "1.234" and "03/12/2026";
// English "82.67", "1,234" and "3 Dec 2026". Dates are Việt Nam's wall clock (UTC+7, no daylight
// saving) whatever the server's or the browser's zone, so server and client render the same.

const SEPARATORS: Record<Locale, { decimal: string; group: string }> = {
	vi: { decimal: ',', group: '.' },
	en: { decimal: '.', group: ',' }
};

/**
 * What `Intl.NumberFormat('vi-VN' | 'en-GB', { maximumFractionDigits, useGrouping })` writes,
 * without Intl: a browser's first Intl number format loads its locale data, 20–50 ms of the main
 * thread on a fast machine, in the middle of every page's first render. As Intl does, the number
 * is rounded half away from zero from its shortest decimal form (1.005 → 1.01).
 */
function formatDecimal(
	value: number,
	locale: Locale,
	digits: number,
	grouping: boolean,
	padded = false
): string {
	const text = String(Math.abs(value));
	// Outside plain notation (≥ 1e21, < 1e-6): not a figure this app shows; Intl says it.
	if (text.includes('e'))
		return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
			maximumFractionDigits: digits,
			minimumFractionDigits: padded ? digits : 0,
			useGrouping: grouping
		}).format(value);
	const [whole, fraction = ''] = text.split('.');
	let kept = whole + fraction.slice(0, digits).padEnd(digits, '0');
	if (fraction.length > digits && fraction[digits] >= '5') kept = increment(kept);
	let int = kept.slice(0, kept.length - digits) || '0';
	const all = kept.slice(kept.length - digits);
	const frac = padded ? all : all.replace(/0+$/, '');
	const sep = SEPARATORS[locale];
	if (grouping) int = int.replace(/\B(?=(\d{3})+$)/g, sep.group);
	const negative = value < 0 || Object.is(value, -0);
	return `${negative ? '-' : ''}${int}${frac ? sep.decimal + frac : ''}`;
}

/** A string of decimal digits plus one ("199" → "200", "99" → "100"). */
function increment(digitsText: string): string {
	const d = digitsText.split('');
	let i = d.length - 1;
	while (i >= 0 && d[i] === '9') d[i--] = '0';
	if (i < 0) return '1' + d.join('');
	d[i] = String(Number(d[i]) + 1);
	return d.join('');
}

/**
 * A score or an average as people write it: "82,67" in Vietnamese, "82.67" in English, at most
 * two decimals (scores are kept in hundredths), "—" for none.
 */
export function formatScore(value: number | null | undefined, locale: Locale): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return formatDecimal(value, locale, 2, false);
}

/**
 * An average (of members' totals, of a part or of a criterion) with exactly two decimals, as
 * RULES.md asks ("show 2 decimals, rounded half up"): "75,00" and "82,67" in Vietnamese, "75.00"
 * in English, so that a round average does not read as a member's total. Totals, maxima and
 * spreads are whole points by nature and stay with `formatScore`.
 */
export function formatAverage(value: number | null | undefined, locale: Locale): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return formatDecimal(value, locale, 2, false, true);
}

/**
 * A band of averages from `lo` up to (not including) `hi` as a chart names it: "< 30",
 * "30 – 49,99" ("30 – 49.99" in English), "≥ 90" for the last (open) band.
 */
export function scoreBandLabel(lo: number, hi: number | null, locale: Locale): string {
	if (hi === null) return `≥ ${formatScore(lo, locale)}`;
	if (lo === 0) return `< ${formatScore(hi, locale)}`;
	return `${formatScore(lo, locale)} – ${formatScore(hi - 0.01, locale)}`;
}

/** A count or a share with thousands grouped ("1.234" / "1,234"), "—" for none. */
export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '—';
	return formatDecimal(value, locale, digits, true);
}

/** A percentage of a share in [0, 1]: "33,3 %" / "33.3%". */
export function formatPercent(share: number | null | undefined, locale: Locale): string {
	if (share === null || share === undefined || !Number.isFinite(share)) return '—';
	const n = formatDecimal(share * 100, locale, 1, true);
	return locale === 'vi' ? `${n} %` : `${n}%`;
}

const EN_MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const VN_OFFSET = 7 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Parts {
	y: number;
	m: number;
	d: number;
	hh: number;
	mm: number;
}

/** An instant (ms) on Việt Nam's clock, or a calendar date (YYYY-MM-DD) as it stands. */
function partsOf(value: number | string): Parts | null {
	if (typeof value === 'string') {
		const m = ISO_DATE.exec(value);
		if (!m) return null;
		return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]), hh: 0, mm: 0 };
	}
	if (!Number.isFinite(value)) return null;
	const t = new Date(value + VN_OFFSET);
	if (Number.isNaN(t.getTime())) return null;
	return {
		y: t.getUTCFullYear(),
		m: t.getUTCMonth() + 1,
		d: t.getUTCDate(),
		hh: t.getUTCHours(),
		mm: t.getUTCMinutes()
	};
}

const two = (n: number) => String(n).padStart(2, '0');

function datePart(p: Parts, locale: Locale): string {
	return locale === 'vi' ? `${two(p.d)}/${two(p.m)}/${p.y}` : `${p.d} ${EN_MONTHS[p.m - 1]} ${p.y}`;
}

/** "03/12/2026" / "3 Dec 2026"; "—" for none or anything unreadable. */
export function formatDate(value: number | string | null | undefined, locale: Locale): string {
	const p = value === null || value === undefined ? null : partsOf(value);
	return p ? datePart(p, locale) : '—';
}

const VI_WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * "03/12/2026 08:30" / "3 Dec 2026, 08:30" on Việt Nam's clock; `weekday` puts the day's name
 * first for a sitting's date ("Thứ Năm, 03/12/2026 08:30").
 */
export function formatDateTime(
	ms: number | null | undefined,
	locale: Locale,
	opts: { weekday?: boolean } = {}
): string {
	const p = ms === null || ms === undefined ? null : partsOf(ms);
	if (!p) return '—';
	const time = `${two(p.hh)}:${two(p.mm)}`;
	const day = datePart(p, locale);
	const text = locale === 'vi' ? `${day} ${time}` : `${day}, ${time}`;
	if (!opts.weekday) return text;
	const w = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
	return `${(locale === 'vi' ? VI_WEEKDAYS : EN_WEEKDAYS)[w]}, ${text}`;
}

/** The time of day only ("08:30"), Việt Nam's clock. */
export function formatTime(ms: number): string {
	const p = partsOf(ms);
	return p ? `${two(p.hh)}:${two(p.mm)}` : '—';
}
