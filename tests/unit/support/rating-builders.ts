// Builders for rating tests: cards with an exact total on a real scorecard, and small synthetic
// scorecards for the cases the statutory data cannot show.

import type { CouncilSitting, RatingInput, Scorecard } from '../../../src/lib/domain/rating';
import {
	choiceHundredths,
	listLeaves,
	optionCount,
	type ProductSetRubric,
	type RubricCriterion,
	type RubricOption
} from '../../../src/lib/domain/rubric';

export type ChoiceMap = Record<string, number>;

/** The best answer on every leaf: total 100 and every star marker reached. */
export function bestCard(rubric: ProductSetRubric): ChoiceMap {
	const choices: ChoiceMap = {};
	for (const { leaf } of listLeaves(rubric)) {
		const values = answers(leaf);
		choices[leaf.code] = values.reduce((a, b) => (b.hundredths > a.hundredths ? b : a)).choice;
	}
	return choices;
}

/** A complete card whose total is exactly `total` points (subset-sum over the leaves). */
export function cardWithTotal(rubric: ProductSetRubric, total: number): ChoiceMap {
	const target = Math.round(total * 100);
	const leaves = listLeaves(rubric).map((entry) => entry.leaf);
	// layers[i]: sum reachable after i leaves → [previous sum, choice on leaf i-1]
	const layers: Map<number, [number, number]>[] = [new Map([[0, [0, -1]]])];
	for (const leaf of leaves) {
		const next = new Map<number, [number, number]>();
		for (const sum of layers[layers.length - 1].keys()) {
			for (const { choice, hundredths } of answers(leaf)) {
				const reached = sum + hundredths;
				if (reached <= target && !next.has(reached)) next.set(reached, [sum, choice]);
			}
		}
		layers.push(next);
	}
	if (!layers[leaves.length].has(target)) throw new Error(`no card totals ${total}`);
	const choices: ChoiceMap = {};
	let sum = target;
	for (let i = leaves.length; i > 0; i--) {
		const [previous, choice] = layers[i].get(sum)!;
		choices[leaves[i - 1].code] = choice;
		sum = previous;
	}
	return choices;
}

export function withChoice(card: ChoiceMap, code: string, choice: number): ChoiceMap {
	return { ...card, [code]: choice };
}

export function without(card: ChoiceMap, code: string): ChoiceMap {
	const { [code]: _removed, ...rest } = card;
	return rest;
}

export function repeat(count: number, card: ChoiceMap): ChoiceMap[] {
	return Array.from({ length: count }, () => card);
}

function answers(leaf: RubricCriterion): { choice: number; hundredths: number }[] {
	const choices = [-1, ...Array.from({ length: optionCount(leaf) }, (_, i) => i)];
	return choices.map((choice) => ({ choice, hundredths: choiceHundredths(leaf, choice) }));
}

export const FULL_COUNCIL: CouncilSitting = {
	members: 9,
	present: 9,
	chairPresent: true,
	quorum: { num: 3, den: 4 },
	maxSpread: 10
};

export function cards(...choices: ChoiceMap[]): Scorecard[] {
	return choices.map((c, i) => ({ member: `m${i + 1}`, recused: false, choices: c }));
}

export function ratingInput(
	scorecards: Scorecard[],
	council: Partial<CouncilSitting> = {},
	level: RatingInput['level'] = 'province'
): RatingInput {
	const members = Math.max(FULL_COUNCIL.members, scorecards.length);
	return {
		level,
		council: { ...FULL_COUNCIL, members, present: members, ...council },
		scorecards
	};
}

function leaf(code: string, max: number, options: RubricOption[] = []): RubricCriterion {
	return { code, label: `Tiêu chí ${code}`, max, children: [], options, notes: [] };
}

export function option(points: number, minStar: 3 | 4 | 5 | null = null): RubricOption {
	return { label: `${points} điểm`, points, minStar };
}

/**
 * A valid three-leaf scorecard: leaf "a" (part A, worth 40) takes the given options; "b" (B, 25)
 * and "c" (C, 35) are yes/no. A card's total is then a's points + 25·b + 35·c.
 */
export function syntheticRubric(aOptions: RubricOption[]): ProductSetRubric {
	const part = (code: 'A' | 'B' | 'C', max: number, child: RubricCriterion) => ({
		code,
		label: `Phần ${code}`,
		max,
		children: [child],
		options: [],
		notes: []
	});
	return {
		version: 'test-1',
		no: 1,
		name: 'Bộ thử',
		classification: 'Thử nghiệm',
		disqualifyWhen: '',
		total: 100,
		parts: [
			part('A', 40, leaf('a', 40, aOptions)),
			part('B', 25, leaf('b', 25)),
			part('C', 35, leaf('c', 35))
		]
	};
}
