import fc from 'fast-check';
import '../helpers/properties';
import { describe, expect, it } from 'vitest';
import { rate, scoreCard, type RatingResult, type Scorecard } from '../../src/lib/domain/rating';
import { getRubric } from '../../src/lib/domain/rubrics/index';
import {
	choiceHundredths,
	listLeaves,
	optionCount,
	type ProductSetRubric
} from '../../src/lib/domain/rubric';
import { cardWithTotal, ratingInput, type ChoiceMap } from './support/rating-builders';

const rubrics = Array.from({ length: 26 }, (_, i) => getRubric('qd26-2026', i + 1));

function cardArb(rubric: ProductSetRubric): fc.Arbitrary<ChoiceMap> {
	const leaves = listLeaves(rubric).map((entry) => entry.leaf);
	return fc
		.tuple(...leaves.map((leaf) => fc.integer({ min: -1, max: optionCount(leaf) - 1 })))
		.map((choices) => Object.fromEntries(leaves.map((leaf, i) => [leaf.code, choices[i]])));
}

/** A rubric with 1 to 9 complete cards on it. */
const sitting = fc.constantFrom(...rubrics).chain((rubric) =>
	fc.record({
		rubric: fc.constant(rubric),
		cards: fc.array(cardArb(rubric), { minLength: 1, maxLength: 9 }),
		extra: cardArb(rubric)
	})
);

function scorecards(choices: ChoiceMap[]): Scorecard[] {
	return choices.map((c, i) => ({ member: `m${i + 1}`, recused: false, choices: c }));
}

function figures(result: RatingResult) {
	const { average, spread, band, floor, stars, blocked, outcome, exact } = result;
	return { average, spread, band, floor, stars, blocked, outcome, exact };
}

function rateCards(rubric: ProductSetRubric, cards: Scorecard[]): RatingResult {
	return rate(rubric, ratingInput(cards, { maxSpread: 100 }));
}

describe('rating properties', () => {
	it('does not depend on the order of the cards', () => {
		fc.assert(
			fc.property(
				sitting.chain((s) =>
					fc.record({
						s: fc.constant(s),
						order: fc.shuffledSubarray(s.cards, { minLength: s.cards.length })
					})
				),
				({ s, order }) => {
					const a = rateCards(s.rubric, scorecards(s.cards));
					const b = rateCards(s.rubric, scorecards(order));
					expect(figures(b)).toEqual(figures(a));
				}
			)
		);
	});

	it('gives stars = min(band, floor), never above either', () => {
		fc.assert(
			fc.property(sitting, ({ rubric, cards }) => {
				const { band, floor, stars } = rateCards(rubric, scorecards(cards));
				expect(stars).toBeLessThanOrEqual(band!);
				expect(stars).toBeLessThanOrEqual(floor!);
				expect(stars).toBe(Math.min(band!, floor!));
			})
		);
	});

	it('keeps the average when a card scoring exactly the average joins', () => {
		fc.assert(
			fc.property(sitting, ({ rubric, cards }) => {
				// qd26-2026 scores whole points, so first add one card that makes the average whole.
				const sum = cards.reduce((acc, card) => acc + scoreCard(rubric, card).total, 0);
				const makeWhole = ((-sum % (cards.length + 1)) + cards.length + 1) % (cards.length + 1);
				const base = [...cards, cardWithTotal(rubric, makeWhole)];
				const before = rateCards(rubric, scorecards(base));
				const { sumHundredths, eligible } = before.exact!;
				expect(sumHundredths % (eligible * 100)).toBe(0);
				const joined = [...base, cardWithTotal(rubric, sumHundredths / eligible / 100)];
				const after = rateCards(rubric, scorecards(joined));
				expect(after.exact!.sumHundredths * eligible).toBe(sumHundredths * (eligible + 1));
				expect(after.average).toBe(before.average);
				expect(after.band).toBe(before.band);
			})
		);
	});

	it('never changes a result because of a recused card', () => {
		const partial = (card: ChoiceMap) =>
			fc
				.subarray(Object.keys(card))
				.map((keep) => Object.fromEntries(keep.map((code) => [code, card[code]])));
		fc.assert(
			fc.property(
				sitting.chain((s) =>
					fc.record({
						s: fc.constant(s),
						recusedChoices: partial(s.extra),
						at: fc.nat({ max: s.cards.length })
					})
				),
				({ s, recusedChoices, at }) => {
					const plain = scorecards(s.cards);
					const withRecused = [...plain];
					withRecused.splice(at, 0, { member: 'r', recused: true, choices: recusedChoices });
					const a = rateCards(s.rubric, plain);
					const b = rateCards(s.rubric, withRecused);
					expect(figures(b)).toEqual(figures(a));
					expect(b.members.filter((m) => !m.recused)).toEqual(a.members);
				}
			)
		);
	});

	it('never lowers the floor when a member raises an answer', () => {
		fc.assert(
			fc.property(
				sitting.chain((s) =>
					fc.record({
						s: fc.constant(s),
						who: fc.nat({ max: s.cards.length - 1 }),
						seed: fc.nat(),
						pick: fc.nat()
					})
				),
				({ s, who, seed, pick }) => {
					const leaves = listLeaves(s.rubric).map((entry) => entry.leaf);
					const leaf = leaves[seed % leaves.length];
					const current = choiceHundredths(leaf, s.cards[who][leaf.code]);
					const higher = [-1, ...Array.from({ length: optionCount(leaf) }, (_, i) => i)].filter(
						(choice) => choiceHundredths(leaf, choice) >= current
					);
					const raised = s.cards.map((card, i) =>
						i === who ? { ...card, [leaf.code]: higher[pick % higher.length] } : card
					);
					const before = rateCards(s.rubric, scorecards(s.cards));
					const after = rateCards(s.rubric, scorecards(raised));
					expect(after.floor!).toBeGreaterThanOrEqual(before.floor!);
					expect(after.band!).toBeGreaterThanOrEqual(before.band!);
				}
			)
		);
	});
});
