// One member's scorecard totals. Used by the rating and by the scoring form for the live,
// provisional figure a member sees while ticking (the browser never decides the result).

import { fromHundredths } from './exact';
import { choiceHundredths, leafIndex, type PartCode, type ProductSetRubric } from './rubric';

/** Leaf code → 0-based option index; -1 = none met; a yes/no leaf takes 0 (no) or 1 (yes). */
export type Choices = Readonly<Record<string, number>>;

export interface CardScore {
	parts: Record<PartCode, number>;
	total: number;
	/** Every leaf of the scorecard is answered. */
	complete: boolean;
	answered: number;
	leafCount: number;
}

/** CardScore in integer hundredths of a point, for exact arithmetic. */
export interface CardTally {
	partsH: Record<PartCode, number>;
	totalH: number;
	complete: boolean;
	answered: number;
	leafCount: number;
}

/**
 * Sums a card exactly. Codes that are not leaves of the rubric are ignored (parseRatingInput
 * rejects them at the boundary); an out-of-range index throws RangeError.
 */
export function tallyCard(rubric: ProductSetRubric, choices: Choices): CardTally {
	const partsH: Record<PartCode, number> = { A: 0, B: 0, C: 0 };
	let answered = 0;
	const leaves = leafIndex(rubric);
	for (const [code, { part, leaf }] of leaves) {
		if (!Object.hasOwn(choices, code)) continue;
		partsH[part] += choiceHundredths(leaf, choices[code]);
		answered += 1;
	}
	return {
		partsH,
		totalH: partsH.A + partsH.B + partsH.C,
		complete: answered === leaves.size,
		answered,
		leafCount: leaves.size
	};
}

/** A card's part totals and total in points, for display. */
export function scoreCard(rubric: ProductSetRubric, choices: Choices): CardScore {
	const tally = tallyCard(rubric, choices);
	return {
		parts: {
			A: fromHundredths(tally.partsH.A),
			B: fromHundredths(tally.partsH.B),
			C: fromHundredths(tally.partsH.C)
		},
		total: fromHundredths(tally.totalH),
		complete: tally.complete,
		answered: tally.answered,
		leafCount: tally.leafCount
	};
}

/**
 * Whether two cards hold the same ticks: a live draft against the card that was submitted
 * (which counts until the member submits again).
 */
export function sameChoices(a: Choices, b: Choices): boolean {
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	return keys.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}
