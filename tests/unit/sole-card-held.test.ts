// The hint under a member's provisional stars: which criteria's star markers hold one card
// below the band of its total (rating rule 6), and nothing when the band alone decides.
import { describe, expect, it } from 'vitest';
import { soleCardHeldBy, soleCardStars } from '../../src/lib/domain/rating';
import { getRubric } from '../../src/lib/domain/rubrics/index';
import { bestCard } from './support/rating-builders';

const R7 = getRubric('qd26-2026', 7);

describe('soleCardHeldBy', () => {
	const best = bestCard(R7);

	it('is null when the band sets the stars, or the card is not complete', () => {
		expect(soleCardHeldBy(R7, best)).toBeNull();
		const { ['2.2']: _dropped, ...partial } = { ...best, '2.2': 1 };
		expect(soleCardHeldBy(R7, partial)).toBeNull();
	});

	it('names 2.2 when its *** marker alone holds a 97-point card at 2★', () => {
		// 2.2: 0 / 1 / 2 (***) / 3 points; the card answers 1 point.
		const card = { ...best, '2.2': 1 };
		expect(soleCardStars(R7, card)).toBe(2);
		expect(soleCardHeldBy(R7, card)).toEqual({
			band: 5,
			stars: 2,
			criteria: [{ code: '2.2', label: expect.any(String), level: 3, points: 2 }]
		});
	});

	it('lists each criterion once, at the lowest level it misses, up to the band', () => {
		// 1.6: 1 (****) / 2 / 3; 2.1: … 3 (****); 1.5: … 2 (****) / 3 (*****).
		const card = { ...best, '1.6': -1, '1.5': 1, '2.2': 1 };
		const held = soleCardHeldBy(R7, card)!;
		expect(held.stars).toBe(2);
		expect(held.band).toBe(5);
		expect(held.criteria.map((c) => [c.code, c.level])).toEqual([
			['2.2', 3],
			['1.5', 4],
			['1.6', 4]
		]);
	});
});
