import { describe, expect, it } from 'vitest';
import { standingOf } from '../../src/lib/domain/public-standing';

describe('what the public reads of a result', () => {
	it.each([
		['province', 5, null, 'candidate-central', null],
		['province', 5, 'forwarded-central', 'candidate-central', null],
		['province', 4, null, 'awaiting-decision', null],
		['province', 4, 'recognized', 'recognized', 4],
		['province', 3, 'recognized', 'recognized', 3],
		['province', 2, null, 'not-recognized', null],
		['province', 1, 'recognized', 'not-recognized', null],
		['central', 5, null, 'awaiting-decision', null],
		['central', 5, 'recognized', 'recognized', 5],
		['province', null, null, 'no-result', null]
	] as const)('%s council, %s★, decision %s → %s', (level, stars, outcome, kind, recognized) => {
		const s = standingOf({ level, stars, decisionOutcome: outcome });
		expect(s.kind).toBe(kind);
		expect(s.recognizedStars).toBe(recognized);
		expect(s.councilStars).toBe(stars);
	});
});

describe('a returned 5★ candidate recognised by the province', () => {
	it('draws the level the decision recognised, not the council’s 5★', () => {
		const s = standingOf({
			level: 'province',
			stars: 5,
			decisionOutcome: 'recognized',
			decisionStars: 3
		});
		expect(s).toEqual({ kind: 'recognized', recognizedStars: 3, councilStars: 5 });
	});
});
