// How the scorecard shows what the statutory form prints. The form's part headings carry a
// maximum in words ("(35 Điểm)") that can disagree with their own criteria (set 26, Part A:
// they sum to 40); set 26 lists two "cases" whose options a member must not mix.
import type { RubricCriterion, RubricOption } from './rubric';

export interface PartHeading {
	/** The heading without the printed maximum. */
	title: string;
	/** The maximum computed from the criteria: what the scores are measured against. */
	max: number;
	/** The printed maximum when it differs from the computed one (shown as a note). */
	printed: number | null;
}

const PRINTED_MAX = /\s*\((\d+(?:[.,]\d+)?)\s*điểm\)\s*$/i;

export function partHeading(part: RubricCriterion): PartHeading {
	const max =
		part.children.length > 0
			? Math.round(part.children.reduce((s, c) => s + c.max, 0) * 100) / 100
			: part.max;
	const m = PRINTED_MAX.exec(part.label);
	const printed = m ? Number(m[1].replace(',', '.')) : null;
	return {
		title: m ? part.label.slice(0, m.index).trim() : part.label,
		max,
		printed: printed !== null && printed !== max ? printed : null
	};
}

/**
 * An option's label without the form's star-minimum asterisks ("tiêu thụ****", "… * * * *"):
 * their meaning is the option's `minStar`, which every page shows as the same badge
 * (components/scoring/star-badge.svelte, "Tối thiểu 4 sao" for screen readers), never as
 * asterisks (RULES.md: "show a badge, not the asterisks"). The printed score sheet keeps them,
 * with the form's footnote, as the statutory form does.
 */
export function withoutStarMarks(label: string): string {
	return label.replace(/\s*\*(?:\s*\*){2,4}\s*/g, ' ').trim();
}

export interface CaseGroup {
	/** 'a' → Trường hợp 1, 'b' → Trường hợp 2; null for options outside any case. */
	case: 'a' | 'b' | null;
	/** The form's description of the case, from the criterion's notes, if it has one. */
	description: string | null;
	/** Indices into the criterion's options, in form order. */
	indices: number[];
}

/**
 * The options of a criterion grouped by case, in form order; a single group without a case
 * for every criterion that has none.
 */
export function caseGroups(leaf: {
	options: readonly Pick<RubricOption, 'case'>[];
	notes: readonly string[];
}): CaseGroup[] {
	const groups: CaseGroup[] = [];
	leaf.options.forEach((o, index) => {
		const c = o.case ?? null;
		let g = groups.find((x) => x.case === c);
		if (!g) {
			const note = c ? leaf.notes.find((n) => n.trim().startsWith(`${c}.`)) : undefined;
			const description = note ? note.trim().slice(2).trim() : null;
			groups.push((g = { case: c, description, indices: [] }));
		}
		g.indices.push(index);
	});
	return groups;
}

/** Notes left to show once the case descriptions appear as the groups' headings. */
export function notesBesideCases(leaf: {
	options: readonly Pick<RubricOption, 'case'>[];
	notes: readonly string[];
}): string[] {
	const cases = new Set(leaf.options.map((o) => o.case).filter(Boolean));
	return leaf.notes.filter((n) => ![...cases].some((c) => n.trim().startsWith(`${c}.`)));
}
