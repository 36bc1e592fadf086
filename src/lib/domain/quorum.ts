// Quorum (túc số) is a council setting from its operating rules, written as a fraction of the
// voting members. It is kept as an exact fraction so that 2/3 of 9 is 6, not 5.999….

import { ceilDiv, type Fraction } from './exact';

/** RULES.md: "default 3/4". */
export const DEFAULT_QUORUM: Fraction = { num: 3, den: 4 };

/**
 * Parses a quorum in (0, 1]: "3/4", "2/3", "1", and also a plain decimal such as "0.75" (read
 * exactly as 75/100). Returns null for anything else.
 */
export function parseQuorum(text: string): Fraction | null {
	const trimmed = text.trim();
	const ratio = /^(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(trimmed);
	const decimal = /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(trimmed);
	let fraction: Fraction | null = null;
	if (ratio) fraction = { num: Number(ratio[1]), den: Number(ratio[2]) };
	else if (decimal) {
		const digits = decimal[2] ?? '';
		fraction = { num: Number(decimal[1] + digits), den: 10 ** digits.length };
	}
	if (!fraction || fraction.den === 0 || fraction.num === 0 || fraction.num > fraction.den) {
		return null;
	}
	return fraction;
}

export function formatQuorum(quorum: Fraction): string {
	return quorum.num === quorum.den ? '1' : `${quorum.num}/${quorum.den}`;
}

/** ceil(quorum × members), exactly. */
export function requiredPresent(members: number, quorum: Fraction): number {
	const product = quorum.num * members;
	if (Number.isSafeInteger(product + quorum.den)) return ceilDiv(product, quorum.den);
	// A very large council (the CLI takes any safe integer): the product would round, so in BigInt.
	const num = BigInt(quorum.num) * BigInt(members);
	const den = BigInt(quorum.den);
	return Number((num + den - 1n) / den);
}
