// The star-marker floor (RULES.md, rating rule 6). Options marked ***, **** and ***** are the
// minimum a product must reach on a criterion to be ranked at that level, whatever its average.

import {
	STAR_LEVELS,
	choiceHundredths,
	leafIndex,
	type ProductSetRubric,
	type RubricCriterion,
	type StarLevel
} from './rubric';
import { toHundredths } from './exact';
import type { Choices } from './card-score';

export type Floor = 2 | 3 | 4 | 5;

export interface StarRequirement {
	code: string;
	label: string;
	optionIndex: number;
	optionLabel: string;
	points: number;
	minStar: StarLevel;
}

export interface RequirementCheck extends StarRequirement {
	/** Eligible members who chose an option worth at least `points`. */
	metBy: number;
	eligible: number;
	met: boolean;
}

export interface StarLevelCheck {
	level: StarLevel;
	met: boolean;
	requirementCount: number;
	/** The requirements that no strict majority reached (empty when the level is met). */
	failed: RequirementCheck[];
}

/**
 * A criterion's requirement at `level`: its marked option with the highest min_star ≤ level, so
 * a *** requirement still applies at 4★ and 5★. Two options with the same marker (none in
 * qd26-2026) resolve to the cheaper one: the marker states a minimum.
 */
export function requirementAt(leaf: RubricCriterion, level: StarLevel): StarRequirement | null {
	let best: StarRequirement | null = null;
	for (const [index, option] of leaf.options.entries()) {
		if (option.minStar === null || option.minStar > level) continue;
		const better =
			best === null ||
			option.minStar > best.minStar ||
			(option.minStar === best.minStar && option.points < best.points);
		if (!better) continue;
		best = {
			code: leaf.code,
			label: leaf.label,
			optionIndex: index,
			optionLabel: option.label,
			points: option.points,
			minStar: option.minStar
		};
	}
	return best;
}

export function starRequirements(rubric: ProductSetRubric, level: StarLevel): StarRequirement[] {
	const requirements: StarRequirement[] = [];
	for (const { leaf } of leafIndex(rubric).values()) {
		const requirement = requirementAt(leaf, level);
		if (requirement) requirements.push(requirement);
	}
	return requirements;
}

/**
 * Checks 3★, 4★ and 5★ against the eligible (complete) cards. Every level is reported for the
 * "why this star" view, but the floor stops at the first level that fails.
 */
export function checkStarLevels(
	rubric: ProductSetRubric,
	cards: readonly Choices[]
): { floor: Floor; levels: StarLevelCheck[] } {
	const leaves = leafIndex(rubric);
	const levels = STAR_LEVELS.map((level): StarLevelCheck => {
		const requirements = starRequirements(rubric, level);
		const failed: RequirementCheck[] = [];
		for (const requirement of requirements) {
			const leaf = leaves.get(requirement.code)!.leaf;
			const check = checkRequirement(leaf, requirement, cards);
			if (!check.met) failed.push(check);
		}
		return { level, met: failed.length === 0, requirementCount: requirements.length, failed };
	});
	let floor: Floor = 2;
	for (const check of levels) {
		if (!check.met) break;
		floor = check.level;
	}
	return { floor, levels };
}

function checkRequirement(
	leaf: RubricCriterion,
	requirement: StarRequirement,
	cards: readonly Choices[]
): RequirementCheck {
	const neededH = toHundredths(requirement.points);
	let metBy = 0;
	for (const choices of cards) {
		const choice = Object.hasOwn(choices, leaf.code) ? choices[leaf.code] : -1;
		if (choiceHundredths(leaf, choice) >= neededH) metBy += 1;
	}
	// A strict majority: exactly half of the eligible members is not enough.
	return { ...requirement, metBy, eligible: cards.length, met: 2 * metBy > cards.length };
}
