import { describe, expect, it } from 'vitest';
import {
	decide,
	initialLink,
	nextCheck,
	observe,
	RECOVER_AFTER_MS,
	WEAK_AFTER_MS,
	type LinkQuality,
	type LinkState
} from '../../src/lib/client/link-quality';

/** Feeds reports at the given times; the timer's tick comes just before each report. */
function run(reports: [number, LinkQuality][], until: number): LinkState {
	let s = initialLink(0);
	for (const [at, q] of reports) s = observe(decide(s, at), q, at);
	return decide(s, until);
}

describe('sound only on a weak link', () => {
	it('switches after the link stays poor for 5 s, not before', () => {
		expect(run([[1000, 'poor']], 1000 + WEAK_AFTER_MS - 1).audioOnly).toBe(false);
		expect(run([[1000, 'poor']], 1000 + WEAK_AFTER_MS).audioOnly).toBe(true);
		// Lost after poor is still weak: the clock is not restarted.
		expect(
			run(
				[
					[1000, 'poor'],
					[4000, 'lost']
				],
				6000
			).audioOnly
		).toBe(true);
	});

	it('ignores a dip shorter than 5 s, and unknown reports', () => {
		const s = run(
			[
				[0, 'good'],
				[1000, 'poor'],
				[4000, 'good'],
				[4500, 'poor']
			],
			9000
		);
		expect(s.audioOnly).toBe(false);
		expect(run([[0, 'unknown']], 60_000).audioOnly).toBe(false);
	});

	it('returns to video after 10 s of good or excellent, a short recovery does not', () => {
		const weak: [number, LinkQuality][] = [[0, 'poor']];
		const back = (reports: [number, LinkQuality][], until: number) =>
			run([...weak, ...reports], until).audioOnly;
		expect(back([[6000, 'good']], 6000 + RECOVER_AFTER_MS - 1)).toBe(true);
		expect(
			back(
				[
					[6000, 'good'],
					[9000, 'excellent']
				],
				6000 + RECOVER_AFTER_MS
			)
		).toBe(false);
		expect(
			back(
				[
					[6000, 'good'],
					[12_000, 'poor'],
					[13_000, 'good']
				],
				20_000
			)
		).toBe(true);
		// Unknown (no report from the server) keeps what was decided.
		expect(back([[6000, 'unknown']], 60_000)).toBe(true);
	});

	it('says when to look again, so a timer can switch without a new report', () => {
		let s = observe(initialLink(0), 'poor', 2000);
		expect(nextCheck(s, 3000)).toBe(WEAK_AFTER_MS - 1000);
		s = decide(s, 2000 + WEAK_AFTER_MS);
		expect(s.audioOnly).toBe(true);
		expect(nextCheck(s, 8000)).toBeNull();
		s = observe(s, 'excellent', 8000);
		expect(nextCheck(s, 8000)).toBe(RECOVER_AFTER_MS);
		expect(nextCheck(observe(initialLink(0), 'good', 0), 0)).toBeNull();
	});
});
