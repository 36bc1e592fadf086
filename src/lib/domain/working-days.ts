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
 * The last local day on which the agenda may be published for a sitting starting at `startsAt`.
 * "Members receive the dossiers at least one working day before": one whole working day lies
 * between the publication and the sitting's day, so publishing must happen before the working
 * day before the sitting begins. For a Monday sitting that is Thursday (any hour: Friday is left
 * whole), or the weekend before, since Saturday and Sunday are not working days.
 */
export function agendaPublishDeadline(
	startsAt: number,
	holidays: ReadonlySet<string> = new Set(),
	offsetMinutes = VN_OFFSET_MINUTES
): string {
	const lastWorkingDay = previousWorkingDay(localDate(startsAt, offsetMinutes), holidays);
	const t = Date.parse(`${lastWorkingDay}T00:00:00Z`) - DAY_MS;
	return new Date(t).toISOString().slice(0, 10);
}

/**
 * Whether publishing the agenda at `publishAt` leaves the members less than one whole working
 * day before a sitting starting at `startsAt` (see agendaPublishDeadline): Friday 23:30 for a
 * Monday 08:00 sitting is late, Thursday 17:00 is in time.
 */
export function lessThanOneWorkingDayBefore(
	publishAt: number,
	startsAt: number,
	holidays: ReadonlySet<string> = new Set(),
	offsetMinutes = VN_OFFSET_MINUTES
): boolean {
	if (publishAt >= startsAt) return true;
	const deadline = agendaPublishDeadline(startsAt, holidays, offsetMinutes);
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
