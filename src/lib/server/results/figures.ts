// Figures a reader compares, derived from a locked record without changing it: part and
// criterion averages over the eligible cards, member labels, and certificate dates. Pure.

import { fromHundredths, roundHalfUp } from '../../domain/exact';
import {
	choiceHundredths,
	listLeaves,
	PART_CODES,
	type PartCode,
	type ProductSetRubric
} from '../../domain/rubric';
import type { LockedRecord } from '../../domain/result-record';

export interface CriterionAverage {
	code: string;
	label: string;
	part: PartCode;
	max: number;
	average: number;
}

/** Mean of the eligible members' part totals, 2 decimals rounded half up. */
export function partAverages(record: LockedRecord): Record<PartCode, number | null> {
	const eligible = record.result.members.filter((m) => !m.recused);
	const out = { A: null, B: null, C: null } as Record<PartCode, number | null>;
	if (eligible.length === 0) return out;
	for (const part of PART_CODES) {
		const sumH = eligible.reduce((s, m) => s + Math.round(m.parts[part] * 100), 0);
		out[part] = fromHundredths(roundHalfUp(sumH, eligible.length));
	}
	return out;
}

/** Each leaf criterion's mean points over the eligible cards, in form order. */
export function criterionAverages(
	rubric: ProductSetRubric,
	record: LockedRecord
): CriterionAverage[] {
	const cards = record.cards.filter((c) => !c.recused);
	return listLeaves(rubric).map(({ leaf, part }) => {
		const sumH = cards.reduce((s, c) => {
			const choice = c.choices[leaf.code];
			return s + (choice === undefined ? 0 : choiceHundredths(leaf, choice));
		}, 0);
		return {
			code: leaf.code,
			label: leaf.label,
			part,
			max: leaf.max,
			average: cards.length ? fromHundredths(roundHalfUp(sumH, cards.length)) : 0
		};
	});
}

/**
 * How members appear on published cards: their names when the council publishes them,
 * otherwise "Thành viên 1, 2, …" in card order (`anonymous(n)` makes the label).
 */
export function memberLabels(
	record: LockedRecord,
	names: ReadonlyMap<string, string> | null,
	anonymous: (n: number) => string
): Map<string, string> {
	const labels = new Map<string, string>();
	record.cards.forEach((card, i) => {
		labels.set(card.member, names?.get(card.member) ?? anonymous(i + 1));
	});
	return labels;
}

/**
 * The last day a certificate is valid (RULES.md 10: valid 36 months from issue). The day of the
 * decision is the first day of validity, so 36 months end the day before the same date three
 * years on: decided 15/06/2026, valid through 14/06/2029 ("đến hết ngày 14/06/2029"). Returning
 * the anniversary itself, as this once did, gave 36 months and a day, since the expiry day counts
 * as valid everywhere (domain/certificate-life.ts). A date the later month lacks (29/02, or 31 in
 * a 30-day month) rolls over to the 1st of the next month, so the last valid day is that month's
 * last day. ISO dates in, ISO date out.
 */
export function certificateExpiry(decidedOn: string, months = 36): string {
	const [y, m, d] = decidedOn.split('-').map(Number);
	// Date.UTC rolls a day past the month's end into the next month; day - 1 is the day before.
	return new Date(Date.UTC(y, m - 1 + months, d - 1)).toISOString().slice(0, 10);
}

export type CertificateState = 'valid' | 're-evaluation' | 'expired';

/** Re-evaluation dossiers are filed 180 to 120 days before expiry (RULES.md 10). */
export function certificateState(expiresOn: string, today: string): CertificateState {
	const days = Math.round((Date.parse(expiresOn) - Date.parse(today)) / 86_400_000);
	if (days < 0) return 'expired';
	if (days <= 180 && days >= 120) return 're-evaluation';
	return 'valid';
}

export function daysUntil(expiresOn: string, today: string): number {
	return Math.round((Date.parse(expiresOn) - Date.parse(today)) / 86_400_000);
}

/** YYYY-MM-DD of an instant in Việt Nam (UTC+7, no daylight saving). */
export function vnDate(ms: number): string {
	return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}
