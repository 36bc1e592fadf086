import { describe, expect, it } from 'vitest';
import { standingOf, type StandingFacts } from '../../src/lib/domain/public-standing';

const TODAY = '2026-12-06';

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
		// Rule 8: at the central level anything under 5★ is returned to the province.
		['central', 4, null, 'returned', null],
		['central', 3, null, 'returned', null],
		['central', 2, null, 'returned', null],
		['province', null, null, 'no-result', null]
	] as const)('%s council, %s★, decision %s → %s', (level, stars, outcome, kind, recognized) => {
		const s = standingOf({ level, stars, decisionOutcome: outcome, today: TODAY });
		expect(s.kind).toBe(kind);
		expect(s.recognizedStars).toBe(recognized);
		expect(s.councilStars).toBe(stars);
	});
});

describe('a recognised certificate over its life', () => {
	const four: StandingFacts = {
		level: 'province',
		stars: 4,
		decisionOutcome: 'recognized',
		decisionStars: 4,
		expiresOn: '2026-12-01',
		today: '2026-12-01'
	};
	it('rates the product through its last valid day only', () => {
		expect(standingOf(four)).toMatchObject({ kind: 'recognized', recognizedStars: 4 });
		expect(standingOf({ ...four, today: '2026-12-02' })).toEqual({
			kind: 'expired',
			recognizedStars: null,
			councilStars: 4,
			stars: 4
		});
		expect(standingOf({ ...four, today: '2028-01-01' }).kind).toBe('expired');
	});
	it('no longer rates it once revoked, whatever its dates', () => {
		const s = standingOf({ ...four, expiresOn: '2029-12-01', revokedOn: '2026-03-10' });
		expect(s).toEqual({ kind: 'revoked', recognizedStars: null, councilStars: 4, stars: 4 });
	});
});

describe('a certificate replaced by a later recognition of the product', () => {
	const replaced: StandingFacts = {
		level: 'province',
		stars: 4,
		decisionOutcome: 'recognized',
		decisionStars: 4,
		expiresOn: '2029-09-25',
		supersededOn: '2026-12-01',
		supersededBy: '126/GCN-OCOP',
		today: TODAY
	};
	it('no longer rates the product from the new decision’s date and names the new number', () => {
		expect(standingOf(replaced)).toEqual({
			kind: 'superseded',
			recognizedStars: null,
			councilStars: 4,
			stars: 4,
			supersededBy: '126/GCN-OCOP'
		});
		expect(standingOf({ ...replaced, today: '2026-11-30' })).toMatchObject({
			kind: 'recognized',
			recognizedStars: 4
		});
	});
});

describe('a province 5★ candidate and the Ministry', () => {
	const candidate: StandingFacts = {
		level: 'province',
		stars: 5,
		decisionOutcome: 'forwarded-central',
		today: TODAY
	};
	it('is 5★ once the Ministry recognises it, and returned with the central stars otherwise', () => {
		expect(
			standingOf({ ...candidate, central: { outcome: 'recognized', stars: 5 } })
		).toMatchObject({ kind: 'recognized', recognizedStars: 5 });
		expect(standingOf({ ...candidate, central: { outcome: 'returned', stars: 4 } })).toEqual({
			kind: 'returned',
			recognizedStars: null,
			councilStars: 5,
			stars: 4
		});
	});
	it('draws the level the province recognised after a return, not the council’s 5★', () => {
		const s = standingOf({
			...candidate,
			decisionOutcome: 'recognized',
			decisionStars: 3,
			expiresOn: '2029-12-10',
			central: { outcome: 'returned', stars: 4 }
		});
		expect(s).toEqual({ kind: 'recognized', recognizedStars: 3, councilStars: 5, stars: 3 });
	});
});
