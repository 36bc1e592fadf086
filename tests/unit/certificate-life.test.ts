import { describe, expect, it } from 'vitest';
import {
	acceptsRenewal,
	addDays,
	certificateStanding,
	daysBetween,
	filingTiming,
	inForce
} from '../../src/lib/domain/certificate-life';

// Expires 01/12/2026: window 04/06/2026–03/08/2026, grace to 30/05/2027.
const E = '2026-12-01';

describe('certificateStanding', () => {
	it.each([
		['2026-06-03', 'valid', 'valid', false],
		['2026-06-04', 'window', 'expiring', true],
		['2026-08-03', 'window', 'expiring', true],
		// RULES.md rule 10: filed 180 to 120 days before expiry, so not after the window.
		['2026-08-04', 'closing', 'expiring', false],
		['2026-12-01', 'closing', 'expiring', false],
		['2026-12-02', 'grace', 'grace', false],
		['2027-05-30', 'grace', 'grace', false],
		['2027-05-31', 'expired', 'expired', false]
	])('on %s is %s (public: %s; renewable: %s)', (today, phase, pub, renewable) => {
		const s = certificateStanding(E, today);
		expect(s.phase).toBe(phase);
		expect(s.public).toBe(pub);
		expect(acceptsRenewal(s)).toBe(renewable);
	});

	it('is valid through its last day and expired from the day after, in Việt Nam', () => {
		// D is the last valid day: "Hiệu lực đến hết ngày D", "Hết hiệu lực từ ngày D+1".
		expect(certificateStanding(E, '2026-12-01')).toMatchObject({
			daysToExpiry: 0,
			phase: 'closing'
		});
		expect(certificateStanding(E, '2026-12-02')).toMatchObject({
			phase: 'grace',
			expiresOn: '2026-12-01',
			expiredFrom: '2026-12-02'
		});
		// A month's end and a year's end.
		expect(certificateStanding('2027-02-28', '2027-01-01').expiredFrom).toBe('2027-03-01');
		expect(certificateStanding('2026-12-31', '2026-01-01').expiredFrom).toBe('2027-01-01');
	});

	it.each([
		[181, 'early'],
		[180, 'on-time'],
		[120, 'on-time'],
		[119, 'late'],
		[0, 'late'],
		[-1, 'grace'],
		[-180, 'grace'],
		[-181, 'too-late']
	])('a filing %i days before expiry is %s', (days, timing) => {
		expect(filingTiming(certificateStanding(E, addDays(E, -days)))).toBe(timing);
	});

	it('names the window and the grace by their dates', () => {
		expect(certificateStanding(E, '2026-01-01')).toMatchObject({
			windowOpens: '2026-06-04',
			windowCloses: '2026-08-03',
			graceEnds: '2027-05-30'
		});
	});

	it('counts the days left to file and the days of grace left', () => {
		expect(certificateStanding(E, '2026-06-04').daysToFilingDeadline).toBe(60);
		expect(certificateStanding(E, '2026-08-03').daysToFilingDeadline).toBe(0);
		expect(certificateStanding(E, '2026-12-02').graceDaysLeft).toBe(179);
		expect(certificateStanding(E, '2027-05-30').graceDaysLeft).toBe(0);
		expect(certificateStanding(E, '2026-01-01').daysToFilingDeadline).toBeNull();
	});

	it('is revoked whatever the dates say, and then never renewable', () => {
		for (const today of ['2025-01-01', '2026-07-01', '2027-01-01', '2030-01-01']) {
			const s = certificateStanding(E, today, '2025-01-01');
			expect(s.phase).toBe('revoked');
			expect(acceptsRenewal(s)).toBe(false);
		}
	});

	it('is superseded from the replacing decision’s day, and then never renewable', () => {
		// A product holds one certificate: a later recognition replaces this one from its date.
		expect(certificateStanding(E, '2026-03-09', null, '2026-03-10').phase).toBe('valid');
		const s = certificateStanding(E, '2026-03-10', null, '2026-03-10');
		expect(s).toMatchObject({ phase: 'superseded', public: 'superseded' });
		expect(s.supersededOn).toBe('2026-03-10');
		expect(inForce(s.phase)).toBe(false);
		expect(acceptsRenewal(s)).toBe(false);
		// Past its own expiry it still says it was replaced, not that it lapsed.
		expect(certificateStanding(E, '2030-01-01', null, '2026-03-10').phase).toBe('superseded');
	});

	it('counts calendar days across a leap year and month ends', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
		expect(daysBetween('2027-12-31', '2028-12-31')).toBe(366);
	});
});
