// The rating of one product at one council sitting, exactly as RULES.md "Rating rules" states.
// Pure: the server feeds it the stored, submitted cards; the result explains itself for the UI.

import { fromHundredths, hundredthsExceed, roundHalfUp, type Fraction } from './exact';
import { tallyCard, type CardTally, type Choices } from './card-score';
import { requiredPresent } from './quorum';
import type { PartCode, ProductSetRubric } from './rubric';
import { checkStarLevels, type Floor, type StarLevelCheck } from './star-floor';

export { parseQuorum, DEFAULT_QUORUM, requiredPresent, formatQuorum } from './quorum';
export { sameChoices, scoreCard, tallyCard, type CardScore, type Choices } from './card-score';
export type { Floor, StarLevelCheck, RequirementCheck, StarRequirement } from './star-floor';

export type CouncilLevel = 'province' | 'central';
export type Stars = 1 | 2 | 3 | 4 | 5;
export type BlockedReason = 'quorum' | 'incomplete' | 'spread';
export type Outcome = 'not-recognized' | 'recognized' | 'forwarded-central' | 'returned';

/** The sitting as far as the rating cares; quorum and maxSpread are council settings. */
export interface CouncilSitting {
	/** Voting members of the council. */
	members: number;
	present: number;
	chairPresent: boolean;
	quorum: Fraction;
	/** Highest allowed spread between eligible totals, in points. */
	maxSpread: number;
}

export interface Scorecard {
	member: string;
	/** Conflict of interest: listed, but out of every figure. */
	recused: boolean;
	choices: Choices;
}

export interface RatingInput {
	level: CouncilLevel;
	council: CouncilSitting;
	scorecards: readonly Scorecard[];
}

export interface MemberResult {
	member: string;
	recused: boolean;
	parts: Record<PartCode, number>;
	total: number;
	complete: boolean;
	answered: number;
}

export interface RatingExplanation {
	quorum: {
		members: number;
		present: number;
		required: number;
		chairPresent: boolean;
		met: boolean;
	};
	eligible: number;
	recused: number;
	/** Eligible members whose card misses answers. */
	incompleteMembers: string[];
	spread: { value: number; max: number; exceeded: boolean } | null;
	/** What set the stars: the average's band, the star-marker floor, or both equally. */
	cappedBy: 'band' | 'floor' | 'both' | null;
	/** 3★, 4★, 5★ checks (empty when the figures cannot be computed). */
	levels: StarLevelCheck[];
}

export interface RatingResult {
	members: MemberResult[];
	/** Rounded half up to 2 decimals; `exact` holds the unrounded value. */
	average: number | null;
	spread: number | null;
	band: Stars | null;
	floor: Floor | null;
	stars: Stars | null;
	blocked: BlockedReason | null;
	outcome: Outcome | null;
	/** average = sumHundredths / (100 × eligible), exactly. */
	exact: { sumHundredths: number; eligible: number } | null;
	explanation: RatingExplanation;
}

/** RULES.md rule 5, on the exact average sumH / (100 × count): half-open intervals. */
export function bandOf(sumHundredths: number, count: number): Stars {
	const edges: [number, Stars][] = [
		[90, 5],
		[70, 4],
		[50, 3],
		[30, 2]
	];
	for (const [edge, band] of edges) if (sumHundredths >= edge * 100 * count) return band;
	return 1;
}

/** RULES.md rule 8. */
export function outcomeOf(level: CouncilLevel, stars: Stars): Outcome {
	if (level === 'central') return stars === 5 ? 'recognized' : 'returned';
	if (stars === 5) return 'forwarded-central';
	return stars >= 3 ? 'recognized' : 'not-recognized';
}

/** One card rated as the only member's, by the council's own rules (band and star floors). */
function rateSoleCard(rubric: ProductSetRubric, choices: Choices): RatingResult {
	return rate(rubric, {
		level: 'province',
		council: {
			members: 1,
			present: 1,
			chairPresent: true,
			quorum: { num: 1, den: 1 },
			maxSpread: 100
		},
		scorecards: [{ member: 'sole', recused: false, choices }]
	});
}

/**
 * The stars one card would get as the only member's, by the council's own rules (band and star
 * floors), null until it is complete: the producer's self-assessed figure (Mẫu 02) and the
 * provisional stars a member sees while ticking. Neither is a result.
 */
export function soleCardStars(rubric: ProductSetRubric, choices: Choices): Stars | null {
	return rateSoleCard(rubric, choices).stars;
}

/** A criterion whose star marker one card does not reach, at the lowest level it requires. */
export interface HeldCriterion {
	code: string;
	label: string;
	/** The star level whose requirement this criterion misses. */
	level: 3 | 4 | 5;
	/** Points the requirement asks for on this criterion. */
	points: number;
}

/**
 * Why one complete card's provisional stars sit below its band (rule 6 floor): the criteria
 * whose star-marker requirement it misses, for every level between the floor and the band, each
 * once at the lowest level it holds back. Null when the band alone sets the stars (or the card
 * is not complete). Display only, like soleCardStars: the result is the server's.
 */
export function soleCardHeldBy(
	rubric: ProductSetRubric,
	choices: Choices
): { band: Stars; stars: Stars; criteria: HeldCriterion[] } | null {
	const result = rateSoleCard(rubric, choices);
	if (result.band === null || result.stars === null || result.stars >= result.band) return null;
	const criteria: HeldCriterion[] = [];
	const seen = new Set<string>();
	for (const check of result.explanation.levels) {
		if (check.level <= result.stars || check.level > result.band) continue;
		for (const failed of check.failed) {
			if (seen.has(failed.code)) continue;
			seen.add(failed.code);
			criteria.push({
				code: failed.code,
				label: failed.label,
				level: check.level,
				points: failed.points
			});
		}
	}
	return { band: result.band, stars: result.stars, criteria };
}

export function rate(rubric: ProductSetRubric, input: RatingInput): RatingResult {
	const tallies = input.scorecards.map((card) => tallyCard(rubric, card.choices));
	const members = input.scorecards.map((card, i) => memberResult(card, tallies[i]));
	const eligibleIdx = input.scorecards.flatMap((card, i) => (card.recused ? [] : [i]));
	const incompleteMembers = eligibleIdx
		.filter((i) => !tallies[i].complete)
		.map((i) => input.scorecards[i].member);
	const quorum = quorumCheck(input.council);
	const explanation: RatingExplanation = {
		quorum,
		eligible: eligibleIdx.length,
		recused: input.scorecards.length - eligibleIdx.length,
		incompleteMembers,
		spread: null,
		cappedBy: null,
		levels: []
	};
	const computable = eligibleIdx.length > 0 && incompleteMembers.length === 0;
	const blank = { average: null, spread: null, band: null, floor: null, stars: null, exact: null };
	if (!computable) {
		const blocked = quorum.met ? 'incomplete' : 'quorum';
		return { members, ...blank, blocked, outcome: null, explanation };
	}
	const totals = eligibleIdx.map((i) => tallies[i].totalH);
	const sumH = totals.reduce((a, b) => a + b, 0);
	// A loop, not Math.max(...totals): spread into a call, 150,000 cards overflowed the stack.
	let highH = totals[0];
	let lowH = totals[0];
	for (const t of totals) {
		if (t > highH) highH = t;
		if (t < lowH) lowH = t;
	}
	const spreadH = highH - lowH;
	const band = bandOf(sumH, totals.length);
	const cards = eligibleIdx.map((i) => input.scorecards[i].choices);
	const { floor, levels } = checkStarLevels(rubric, cards);
	const stars = Math.min(band, floor) as Stars;
	const exceeded = hundredthsExceed(spreadH, input.council.maxSpread);
	explanation.spread = { value: fromHundredths(spreadH), max: input.council.maxSpread, exceeded };
	explanation.cappedBy = band === floor ? 'both' : band < floor ? 'band' : 'floor';
	explanation.levels = levels;
	const blocked: BlockedReason | null = !quorum.met ? 'quorum' : exceeded ? 'spread' : null;
	return {
		members,
		average: fromHundredths(roundHalfUp(sumH, totals.length)),
		spread: fromHundredths(spreadH),
		band,
		floor,
		stars,
		blocked,
		outcome: blocked ? null : outcomeOf(input.level, stars),
		exact: { sumHundredths: sumH, eligible: totals.length },
		explanation
	};
}

/** Whether the sitting is quorate: the board shows it before any card, the rating at close. */
export function quorumCheck(
	council: Pick<CouncilSitting, 'members' | 'present' | 'chairPresent' | 'quorum'>
): RatingExplanation['quorum'] {
	const required = requiredPresent(council.members, council.quorum);
	return {
		members: council.members,
		present: council.present,
		required,
		chairPresent: council.chairPresent,
		met: council.present >= required && council.chairPresent
	};
}

function memberResult(card: Scorecard, tally: CardTally): MemberResult {
	return {
		member: card.member,
		recused: card.recused,
		parts: {
			A: fromHundredths(tally.partsH.A),
			B: fromHundredths(tally.partsH.B),
			C: fromHundredths(tally.partsH.C)
		},
		total: fromHundredths(tally.totalH),
		complete: tally.complete,
		answered: tally.answered
	};
}

/** The `ocop rate` output contract: exactly these keys, in this order. */
export function toRatingOutput(result: RatingResult) {
	return {
		members: result.members.map(({ member, recused, parts, total, complete }) => ({
			member,
			recused,
			parts: { A: parts.A, B: parts.B, C: parts.C },
			total,
			complete
		})),
		average: result.average,
		spread: result.spread,
		band: result.band,
		floor: result.floor,
		stars: result.stars,
		blocked: result.blocked,
		outcome: result.outcome
	};
}
