import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	communeReviewDue,
	isWorkingDay,
	agendaPublishDeadline,
	lessThanOneWorkingDayBefore,
	localDate,
	previousWorkingDay
} from '../../src/lib/domain/working-days';

/** An instant given in Việt Nam local time. */
const vn = (iso: string) => Date.parse(`${iso}+07:00`);

describe('working days (Mon–Fri, Việt Nam time)', () => {
	it('knows weekends and given holidays', () => {
		expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
		expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
		expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
		expect(isWorkingDay('2026-09-02', new Set(['2026-09-02']))).toBe(false);
	});

	it('steps back over the weekend and holidays', () => {
		expect(previousWorkingDay('2026-11-30')).toBe('2026-11-27'); // Monday → Friday
		expect(previousWorkingDay('2026-12-02')).toBe('2026-12-01');
		expect(previousWorkingDay('2026-11-30', new Set(['2026-11-27']))).toBe('2026-11-26');
	});

	it('reads local dates in UTC+7, not UTC', () => {
		expect(localDate(Date.UTC(2026, 10, 29, 18, 0))).toBe('2026-11-30');
	});

	const cases: [string, string, boolean][] = [
		// publish (local)        sitting (local)         late?
		// One whole working day must lie between the publication and the sitting's day.
		['2026-11-29T23:59:00', '2026-12-01T08:00:00', false], // Sunday night for Tuesday
		['2026-11-30T08:00:00', '2026-12-01T08:00:00', true], // Monday morning for Tuesday
		['2026-11-30T17:00:00', '2026-12-01T08:00:00', true], // Monday evening for Tuesday
		['2026-12-01T07:00:00', '2026-12-01T08:00:00', true], // the same morning
		['2026-11-26T17:00:00', '2026-11-30T08:00:00', false], // Thursday evening for Monday
		['2026-11-27T16:00:00', '2026-11-30T08:00:00', true], // Friday for Monday
		['2026-11-27T23:30:00', '2026-11-30T08:00:00', true], // Friday 23:30 for Monday 08:00
		['2026-11-28T09:00:00', '2026-11-30T08:00:00', true], // Saturday for Monday
		['2026-11-29T23:59:00', '2026-11-30T08:00:00', true], // Sunday night for Monday
		['2026-11-25T09:00:00', '2026-11-30T08:00:00', false], // well ahead
		['2026-12-02T09:00:00', '2026-12-01T08:00:00', true] // after the sitting began
	];
	it.each(cases)('publish %s for a sitting at %s → warning %s', (publish, sitting, warn) => {
		expect(lessThanOneWorkingDayBefore(vn(publish), vn(sitting))).toBe(warn);
	});

	it('a holiday on the day before counts as a non-working day', () => {
		const holidays = new Set(['2026-11-30']);
		expect(
			lessThanOneWorkingDayBefore(vn('2026-11-30T09:00:00'), vn('2026-12-01T08:00:00'), holidays)
		).toBe(true);
		expect(
			lessThanOneWorkingDayBefore(vn('2026-11-27T09:00:00'), vn('2026-12-01T08:00:00'), holidays)
		).toBe(true);
		expect(
			lessThanOneWorkingDayBefore(vn('2026-11-26T16:00:00'), vn('2026-12-01T08:00:00'), holidays)
		).toBe(false);
	});

	it('names the last day to publish: the day before the last working day before the sitting', () => {
		expect(agendaPublishDeadline(vn('2026-11-30T08:00:00'))).toBe('2026-11-26'); // Monday → Thu
		expect(agendaPublishDeadline(vn('2026-12-01T08:00:00'))).toBe('2026-11-29'); // Tuesday → Sun
		expect(agendaPublishDeadline(vn('2026-12-03T08:00:00'))).toBe('2026-12-01'); // Thursday → Tue
	});
});

describe("the commune's review: 15 working days (RULES.md, procedure step 2)", () => {
	// 10:00 in Việt Nam on the given day.
	const at = (iso: string, time = '03:00') => Date.parse(`${iso}T${time}:00Z`);

	it('counts working days from the day after, skipping weekends and given holidays', () => {
		// Friday 4/12/2026 + 1 working day: Monday 7/12.
		expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
		expect(addWorkingDays('2026-12-07', 5)).toBe('2026-12-14');
		expect(addWorkingDays('2026-12-31', 1, new Set(['2027-01-01']))).toBe('2027-01-04');
		expect(addWorkingDays('2026-12-07', 0)).toBe('2026-12-07');
	});

	it('is due 15 working days after the Việt Nam day of submission, and late only after it', () => {
		// Submitted Monday 7/12/2026: three weeks later, Monday 28/12.
		const submitted = at('2026-12-07');
		expect(communeReviewDue(submitted, at('2026-12-08')).due).toBe('2026-12-28');
		expect(communeReviewDue(submitted, at('2026-12-28', '16:59')).overdue).toBe(false);
		// 00:00 on 29/12 in Việt Nam is 17:00 on 28/12 UTC.
		expect(communeReviewDue(submitted, at('2026-12-28', '17:00')).overdue).toBe(true);
		// Submitted at 23:30 on Sunday 6/12 in Việt Nam (16:30 UTC): counted from Monday's day.
		expect(communeReviewDue(at('2026-12-06', '16:30'), submitted).due).toBe('2026-12-25');
	});
});
