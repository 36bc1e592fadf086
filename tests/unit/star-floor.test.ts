// Rating rule 6: the star-marker floor, and how the result explains it.
import { describe, expect, it } from 'vitest';
import { rate } from '../../src/lib/domain/rating';
import { getRubric } from '../../src/lib/domain/rubrics/index';
import { starRequirements } from '../../src/lib/domain/star-floor';
import {
	bestCard,
	cards,
	option,
	ratingInput,
	repeat,
	syntheticRubric,
	withChoice,
	type ChoiceMap
} from './support/rating-builders';

const R7 = getRubric('qd26-2026', 7);

describe('star-marker floor', () => {
	const best = bestCard(R7);

	it('needs a strict majority: exactly half is not enough', () => {
		// 1.1's first option (1 point) is marked ***; -1 scores 0.
		const half = cards(best, best, withChoice(best, '1.1', -1), withChoice(best, '1.1', -1));
		const result = rate(R7, ratingInput(half));
		expect([result.floor, result.stars, result.band]).toEqual([2, 2, 5]);
		expect(result.explanation.cappedBy).toBe('floor');
		expect(result.explanation.levels[0].failed).toEqual([
			{
				code: '1.1',
				label: R7.parts[0].children[0].children[0].label,
				optionIndex: 0,
				optionLabel: expect.stringContaining('***'),
				points: 1,
				minStar: 3,
				metBy: 2,
				eligible: 4,
				met: false
			}
		]);
		const majority = cards(best, best, best, withChoice(best, '1.1', -1));
		expect(rate(R7, ratingInput(majority)).floor).toBe(5);
	});

	it('counts the majority among eligible members only', () => {
		const failing = withChoice(best, '1.1', -1);
		const scorecards = [
			...cards(best, failing, best),
			{ member: 'r1', recused: true, choices: failing },
			{ member: 'r2', recused: true, choices: failing }
		];
		const result = rate(R7, ratingInput(scorecards));
		expect(result.floor).toBe(5);
		const twoOfFour = [
			...cards(best, failing, best, failing),
			{ ...cards(best)[0], recused: true }
		];
		const blocked = rate(R7, ratingInput(twoOfFour));
		expect(blocked.explanation.levels[0].failed[0]).toMatchObject({ metBy: 2, eligible: 4 });
	});

	it('counts a higher option as meeting a lower marker', () => {
		// 1.1: 1 (***) | 2 | 3 — 2 points meets the *** minimum.
		expect(rate(R7, ratingInput(cards(withChoice(best, '1.1', 1)))).floor).toBe(5);
	});

	it('keeps *** requirements at 4★ and 5★', () => {
		// 2.2: 0 | 1 | 2 (***) | 3 and no other marker.
		const result = rate(R7, ratingInput(cards(...repeat(3, withChoice(best, '2.2', 1)))));
		expect(result.floor).toBe(2);
		for (const level of result.explanation.levels) {
			expect(level.met).toBe(false);
			expect(level.failed.map((check) => [check.code, check.optionIndex, check.minStar])).toEqual([
				['2.2', 2, 3]
			]);
		}
	});

	it('uses the marker with the highest min_star at each level', () => {
		// 4.1: 1 | 2 (***) | 3 (****) | 5 (*****)
		const at4 = rate(R7, ratingInput(cards(...repeat(3, withChoice(best, '4.1', 2)))));
		expect([at4.floor, at4.band, at4.stars]).toEqual([4, 5, 4]);
		expect(at4.explanation.levels.map((level) => level.met)).toEqual([true, true, false]);
		expect(at4.explanation.levels[2].failed[0]).toMatchObject({
			code: '4.1',
			optionIndex: 3,
			points: 5,
			metBy: 0
		});
		const at3 = rate(R7, ratingInput(cards(...repeat(3, withChoice(best, '4.1', 1)))));
		expect(at3.floor).toBe(3);
	});

	it('stops at the first level that fails', () => {
		// A synthetic form where **** asks more than *****: 3 passes, 4 fails, 5 would pass.
		const rubric = syntheticRubric([option(0), option(20, 5), option(30, 4), option(40)]);
		const result = rate(rubric, ratingInput(cards({ a: 1, b: 1, c: 1 })));
		expect(result.explanation.levels.map((level) => level.met)).toEqual([true, false, true]);
		expect(result.floor).toBe(3);
	});

	it('says when the band caps the stars', () => {
		// Only the 5★ minimum on every marked criterion, nothing elsewhere.
		const minimal: ChoiceMap = Object.fromEntries(Object.keys(best).map((code) => [code, -1]));
		for (const requirement of starRequirements(R7, 5))
			minimal[requirement.code] = requirement.optionIndex;
		const result = rate(R7, ratingInput(cards(minimal, minimal)));
		expect(result.floor).toBe(5);
		expect(result.band).toBeLessThan(5);
		expect(result.stars).toBe(result.band);
		expect(result.explanation.cappedBy).toBe('band');
	});
});
