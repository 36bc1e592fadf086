import { describe, expect, it } from 'vitest';
import { cutoffWithinDeadline, roundDeadline } from '../../src/lib/domain/round-deadline';

describe('a round closes by its deadline (RULES.md procedure 4)', () => {
	it('round 1 by 30/6, round 2 and any later round by 30/12, within the round’s year', () => {
		expect(roundDeadline(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
		expect(roundDeadline(2026, 2)).toEqual({ from: '2026-01-01', to: '2026-12-30' });
		expect(roundDeadline(2026, 3)).toEqual({ from: '2026-01-01', to: '2026-12-30' });
		const table: [number, string, boolean][] = [
			[1, '2026-06-30', true],
			[1, '2026-07-01', false],
			[1, '2026-08-15', false], // the demo's old round 1
			[1, '2026-01-01', true],
			[1, '2025-12-31', false],
			[2, '2026-12-30', true],
			[2, '2026-12-31', false],
			[2, '2027-01-10', false],
			[3, '2026-12-20', true],
			[3, '2026-12-31', false]
		];
		for (const [number, cutoff, ok] of table)
			expect(cutoffWithinDeadline(2026, number, cutoff), `${number} ${cutoff}`).toBe(ok);
	});
});
