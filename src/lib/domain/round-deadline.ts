// RULES.md procedure 4: "The council meets in a round (đợt): at least two a year (round 1 closes
// before 30/6, round 2 before 30/12)." A round's cutoff date is the day it closes, so:
// - round 1 closes on or before 30/6 of its year;
// - round 2 closes on or before 30/12 of its year;
// - a round numbered 3 or more (the rule says "at least two", so more are allowed) has no deadline
//   of its own; it is still a round of its year, so it closes on or before 30/12 too, round 2's
//   deadline being the year's last;
// - every round closes within its own year (not before 1/1).
// "before 30/6" is read as "by 30/6" (30/6 included), the way the decision's deadlines are meant.

export interface RoundDeadline {
	/** First and last day (YYYY-MM-DD) the round's cutoff may fall on. */
	from: string;
	to: string;
}

export function roundDeadline(year: number, number: number): RoundDeadline {
	return { from: `${year}-01-01`, to: number === 1 ? `${year}-06-30` : `${year}-12-30` };
}

/** Whether a round's cutoff date (a valid YYYY-MM-DD) keeps to procedure 4. */
export function cutoffWithinDeadline(year: number, number: number, cutoffDate: string): boolean {
	const { from, to } = roundDeadline(year, number);
	return cutoffDate >= from && cutoffDate <= to;
}
