import { describe, expect, it } from 'vitest';
import { takeToken } from '../../src/lib/domain/token-bucket';

describe('token bucket', () => {
	it('allows a burst, refuses the excess, and refills with time', () => {
		const bucket = { tokens: 3, at: 0 };
		expect([1, 2, 3, 4].map(() => takeToken(bucket, 0, 3, 2))).toEqual([true, true, true, false]);
		expect(takeToken(bucket, 400, 3, 2)).toBe(false); // 0.8 of a token
		expect(takeToken(bucket, 500, 3, 2)).toBe(true); // a whole one after 0.5 s at 2/s
		expect(takeToken(bucket, 60_000, 3, 2)).toBe(true);
		expect(bucket.tokens).toBe(2); // never above the capacity
	});
});
