// "Members receive the dossiers at least one working day before the sitting" (RULES.md,
// procedure step 4). Working days are Monday to Friday in Việt Nam's local time (UTC+7, no
// daylight saving); public holidays can be passed in, since no official calendar is bundled.

/** Việt Nam's offset from UTC in minutes. */
export const VN_OFFSET_MINUTES = 7 * 60;

const DAY_MS = 86_400_000;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(at: number, offsetMinutes = VN_OFFSET_MINUTES): string {
	return new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function dayOfWeek(isoDate: string): number {
	return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string> = new Set()): boolean {
	const dow = dayOfWeek(isoDate);
	return dow !== 0 && dow !== 6 && !holidays.has(isoDate);
}

/** The last working day strictly before `isoDate`. */
export function previousWorkingDay(
	isoDate: string,
	holidays: ReadonlySet<string> = new Set()
): string {
	let t = Date.parse(`${isoDate}T00:00:00Z`) - DAY_MS;
	for (let i = 0; i < 60; i++, t -= DAY_MS) {
		const day = new Date(t).toISOString().slice(0, 10);
		if (isWorkingDay(day, holidays)) return day;
	}
	throw new RangeError(`no working day in the 60 days before ${isoDate}`);
}

/**
 * Whether publishing the agenda at `publishAt` leaves the members less than one working day
 * before a sitting starting at `startsAt`. The rule read here: the dossiers must reach the
 * members no later than the working day before the sitting's date, so publishing on that day
 * (at any hour) is in time, and publishing on a weekend before a Monday sitting is not.
 */
export function lessThanOneWorkingDayBefore(
	publishAt: number,
	startsAt: number,
	holidays: ReadonlySet<string> = new Set(),
	offsetMinutes = VN_OFFSET_MINUTES
): boolean {
	if (publishAt >= startsAt) return true;
	const deadline = previousWorkingDay(localDate(startsAt, offsetMinutes), holidays);
	return localDate(publishAt, offsetMinutes) > deadline;
}

/** The working day `n` working days after `isoDate` (that day itself not counted). */
export function addWorkingDays(
	isoDate: string,
	n: number,
	holidays: ReadonlySet<string> = new Set()
): string {
	let t = Date.parse(`${isoDate}T00:00:00Z`);
	for (let left = n; left > 0;) {
		t += DAY_MS;
		if (isWorkingDay(new Date(t).toISOString().slice(0, 10), holidays)) left--;
	}
	return new Date(t).toISOString().slice(0, 10);
}

/** "The commune reviews within 15 working days" (RULES.md, procedure step 2). */
export const COMMUNE_REVIEW_WORKING_DAYS = 15;

/**
 * The commune's review of a dossier submitted at `submittedAt`: the last day it is due (Việt Nam
 * date), and whether `now` is past it. Counted from the day after the submission, as a period in
 * days is (the day of the event not counted).
 */
export function communeReviewDue(
	submittedAt: number,
	now: number,
	holidays: ReadonlySet<string> = new Set()
): { due: string; overdue: boolean } {
	const due = addWorkingDays(localDate(submittedAt), COMMUNE_REVIEW_WORKING_DAYS, holidays);
	return { due, overdue: localDate(now) > due };
}

/** The review's due day while the dossier waits for the commune (submitted); null otherwise. */
export function awaitedCommuneReview(
	dossier: { state: string; submittedAt: number | null },
	now: number
): { due: string; overdue: boolean } | null {
	return dossier.state === 'submitted' && dossier.submittedAt
		? communeReviewDue(dossier.submittedAt, now)
		: null;
}
