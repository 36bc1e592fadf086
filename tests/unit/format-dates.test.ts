import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatNumber,
	formatPercent,
	formatTime
} from '../../src/lib/i18n/format';

// 2026-12-02T17:30Z is already 3 December 00:30 in Việt Nam: a formatter on the server's UTC
// clock would print the 2nd.
const LATE_EVENING_UTC = Date.UTC(2026, 11, 2, 17, 30);

describe('dates as each language writes them, on Việt Nam’s clock', () => {
	it('writes an instant as dd/mm/yyyy in Vietnamese and "3 Dec 2026" in English', () => {
		expect(formatDate(LATE_EVENING_UTC, 'vi')).toBe('03/12/2026');
		expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('3 Dec 2026');
	});

	it('writes a calendar date as it stands, without shifting it by a zone', () => {
		expect(formatDate('2029-01-05', 'vi')).toBe('05/01/2029');
		expect(formatDate('2029-01-05', 'en')).toBe('5 Jan 2029');
	});

	it('adds the time, and the weekday when asked', () => {
		expect(formatDateTime(LATE_EVENING_UTC, 'vi')).toBe('03/12/2026 00:30');
		expect(formatDateTime(LATE_EVENING_UTC, 'en')).toBe('3 Dec 2026, 00:30');
		expect(formatDateTime(LATE_EVENING_UTC, 'vi', { weekday: true })).toBe(
			'Thứ Năm, 03/12/2026 00:30'
		);
		expect(formatDateTime(LATE_EVENING_UTC, 'en', { weekday: true })).toBe(
			'Thu, 3 Dec 2026, 00:30'
		);
		expect(formatTime(LATE_EVENING_UTC)).toBe('00:30');
	});

	it('shows a dash for nothing or for text that is not a date', () => {
		for (const bad of [null, undefined, NaN, Infinity, '', '2026-13', '03/12/2026', '2026-1-5'])
			expect(formatDate(bad as never, 'vi')).toBe('—');
		expect(formatDateTime(null, 'en')).toBe('—');
		expect(formatDateTime(8.64e15 + 1, 'vi')).toBe('—');
	});
});

describe('counts and shares', () => {
	it('groups thousands with a dot in Vietnamese and a comma in English', () => {
		expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
		expect(formatNumber(12.345, 'vi', 1)).toBe('12,3');
		expect(formatNumber(null, 'vi')).toBe('—');
	});

	it('writes a share as a percentage with the language’s decimal mark', () => {
		expect(formatPercent(1 / 3, 'vi')).toBe('33,3 %');
		expect(formatPercent(1 / 3, 'en')).toBe('33.3%');
		expect(formatPercent(NaN, 'en')).toBe('—');
	});
});
