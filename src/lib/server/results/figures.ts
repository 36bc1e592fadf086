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

/** Certificates run 36 months from the decision (RULES.md 10). ISO dates in, ISO date out. */
export function certificateExpiry(decidedOn: string, months = 36): string {
	const [y, m, d] = decidedOn.split('-').map(Number);
	const total = m - 1 + months;
	const year = y + Math.floor(total / 12);
	const month = (total % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
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
