import { describe, expect, it } from 'vitest';
import { LIMIT_BACKOFF, nextLimitDelay } from '../../src/lib/client/yjs-rate-limit';

describe('the wait after a Yjs rate limit', () => {
	it('starts at 5 s, doubles while limits keep coming, stops at 60 s, resets after a calm', () => {
		const waits: number[] = [];
		let wait = 0;
		for (let i = 0; i < 6; i++) waits.push((wait = nextLimitDelay(wait, 1_000, LIMIT_BACKOFF)));
		expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
		expect(nextLimitDelay(60_000, 120_000, LIMIT_BACKOFF)).toBe(60_000);
		expect(nextLimitDelay(60_000, 120_001, LIMIT_BACKOFF)).toBe(5_000);
	});
});
