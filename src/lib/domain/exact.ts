// Exact arithmetic for the rating. Points carry at most 2 decimals, so every score is kept as an
// integer number of hundredths and every average as a ratio of integers: a band edge such as 90
// is then compared without any floating-point error (89.99 stays below 90).

/** A non-negative rational number num/den with den > 0 (not necessarily reduced). */
export interface Fraction {
	num: number;
	den: number;
}

/** Whether a point value has at most 2 decimals (1.25 yes, 1.255 no). */
export function hasAtMostTwoDecimals(value: number): boolean {
	if (!Number.isFinite(value)) return false;
	const scaled = value * 100;
	return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/** Points → integer hundredths; callers validate `hasAtMostTwoDecimals` first. */
export function toHundredths(points: number): number {
	return Math.round(points * 100);
}

/** Integer hundredths → the JSON number for display (7527 → 75.27). */
export function fromHundredths(hundredths: number): number {
	return hundredths / 100;
}

/** Rounds num/den half up to the nearest integer (num ≥ 0, den > 0). */
export function roundHalfUp(num: number, den: number): number {
	return Math.floor((2 * num + den) / (2 * den));
}

/** ceil(num/den) for num ≥ 0, den > 0, in integers. */
export function ceilDiv(num: number, den: number): number {
	return Math.floor((num + den - 1) / den);
}

/**
 * A finite JS number as an exact decimal fraction m / 10^k, read from its shortest decimal
 * representation (what the user typed in JSON): 0.29 is 29/100, not 0.28999999999999998.
 */
export function decimalToBigFraction(value: number): { num: bigint; den: bigint } {
	const [mantissa, exponentText] = String(value).toLowerCase().split('e');
	const exponent = exponentText === undefined ? 0 : Number(exponentText);
	const [intPart, fracPart = ''] = mantissa.split('.');
	let num = BigInt(intPart + fracPart);
	let scale = fracPart.length - exponent;
	if (scale < 0) {
		num *= 10n ** BigInt(-scale);
		scale = 0;
	}
	return { num, den: 10n ** BigInt(scale) };
}

/** Whether `hundredths / 100 > limit`, exactly, for any finite `limit`. */
export function hundredthsExceed(hundredths: number, limit: number): boolean {
	const { num, den } = decimalToBigFraction(limit);
	return BigInt(hundredths) * den > num * 100n;
}
