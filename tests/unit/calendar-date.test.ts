import { describe, expect, it } from 'vitest';
import { isCalendarDate, isClockTime } from '../../src/lib/domain/calendar-date';

describe('a day as the forms send it', () => {
	it('takes real days, month ends and leap days included', () => {
		for (const d of ['2026-01-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31'])
			expect(isCalendarDate(d), d).toBe(true);
	});
	it('refuses days of the right shape that do not exist', () => {
		for (const d of [
			'2026-02-29',
			'1900-02-29',
			'2026-02-30',
			'2026-04-31',
			'2026-13-01',
			'2026-00-10',
			'2026-01-00',
			'2026-12-32',
			'2026-99-99',
			'0000-00-00'
		])
			expect(isCalendarDate(d), d).toBe(false);
	});
	it('refuses anything of another shape', () => {
		for (const d of ['2026-1-01', '26-01-01', '2026/01/01', ' 2026-01-01', '2026-01-01T00:00', ''])
			expect(isCalendarDate(d), d).toBe(false);
	});
	it('takes times of day from 00:00 to 23:59 only', () => {
		for (const t of ['00:00', '08:30', '23:59']) expect(isClockTime(t), t).toBe(true);
		for (const t of ['24:00', '23:60', '99:99', '8:30', '08:3', ''])
			expect(isClockTime(t), t).toBe(false);
	});
});
