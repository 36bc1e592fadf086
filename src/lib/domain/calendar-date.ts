// A day as the forms send it (YYYY-MM-DD, the Vietnamese calendar day). A string of that shape
// is not yet a day: `new Date('2026-13-45')` is Invalid Date (its toISOString throws), and
// `Date.parse('2026-02-30')` quietly reads 2 March. Every form reads its dates through here.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD (2026-02-28 yes; 2026-02-30, 2026-13-01 no). */
export function isCalendarDate(s: string): boolean {
	if (!ISO_DATE.test(s)) return false;
	const [y, m, d] = s.split('-').map(Number);
	if (y < 1 || m < 1 || m > 12 || d < 1) return false;
	// Day 0 of the next month is the last day of this one (UTC: no clock change in between).
	return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True for a time of day written HH:MM (00:00 to 23:59). */
export function isClockTime(s: string): boolean {
	const m = /^(\d{2}):(\d{2})$/.exec(s);
	return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}
