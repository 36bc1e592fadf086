import { describe, expect, it } from 'vitest';
import {
	ceilDiv,
	decimalToBigFraction,
	hasAtMostTwoDecimals,
	hundredthsExceed,
	roundHalfUp,
	toHundredths
} from '../../src/lib/domain/exact';

describe('exact arithmetic', () => {
	it('reads points as integer hundredths', () => {
		expect(toHundredths(0.29)).toBe(29);
		expect(toHundredths(89.99)).toBe(8999);
		expect(hasAtMostTwoDecimals(1.25)).toBe(true);
		expect(hasAtMostTwoDecimals(1.255)).toBe(false);
		expect(hasAtMostTwoDecimals(Number.NaN)).toBe(false);
	});

	it('rounds half up and divides up in integers', () => {
		expect(roundHalfUp(18001, 2)).toBe(9001);
		expect(roundHalfUp(8, 3)).toBe(3);
		expect(roundHalfUp(7, 3)).toBe(2);
		expect(ceilDiv(27, 4)).toBe(7);
		expect(ceilDiv(24, 4)).toBe(6);
	});

	it('compares a spread with a limit exactly', () => {
		expect(decimalToBigFraction(0.29)).toEqual({ num: 29n, den: 100n });
		expect(decimalToBigFraction(1e21)).toEqual({ num: 10n ** 21n, den: 1n });
		expect(decimalToBigFraction(1e-7)).toEqual({ num: 1n, den: 10n ** 7n });
		expect(hundredthsExceed(29, 0.29)).toBe(false);
		expect(hundredthsExceed(30, 0.29)).toBe(true);
		expect(hundredthsExceed(1000, 10)).toBe(false);
		expect(hundredthsExceed(1001, 10)).toBe(true);
		expect(hundredthsExceed(1000, 9.999)).toBe(true);
	});
});
