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

/** A council seat as rule 1 sees it for one item. */
export interface QuorumSeat {
	userId: string;
	role: string;
	voting: boolean;
	/** Conflict of interest on the item: out of the room for it, so never counted present. */
	recused: boolean;
}

/** Who counts for one item: rule 1's `members` and `present`, and whether the chair is here. */
export interface ItemPresence {
	/** The council's voting members, recused ones too (rule 1: "the council's voting members"). */
	members: number;
	/** Voting members in the room for this item: present and not recused. */
	present: number;
	chairPresent: boolean;
	presentIds: string[];
	/** Voting members present in the sitting but recused on this item: not in `present`. */
	recusedPresent: number;
}

export interface QuorumFigures extends ItemPresence {
	required: number;
	quorate: boolean;
}

/**
 * Who is present for one item: a member recused on it is "excluded from the room for that
 * item" (RULES.md), so never present, though still one of the council's members.
 */
export function presenceFor(seats: readonly QuorumSeat[], here: ReadonlySet<string>): ItemPresence {
	const voting = seats.filter((s) => s.voting);
	const presentIds = voting.filter((s) => !s.recused && here.has(s.userId)).map((s) => s.userId);
	const chair = seats.find((s) => s.role === 'chair');
	return {
		members: voting.length,
		present: presentIds.length,
		chairPresent: !!chair && here.has(chair.userId),
		presentIds,
		recusedPresent: voting.filter((s) => s.recused && here.has(s.userId)).length
	};
}

/**
 * Rule 1 for one item, the one definition every check and every screen uses (opening scoring,
 * closing, the sitting's header, the board): `present ≥ ceil(quorum × members)` and the chair
 * present, counted by presenceFor. Between items nobody is recused.
 */
export function quorumOf(
	seats: readonly QuorumSeat[],
	here: ReadonlySet<string>,
	quorum: Fraction
): QuorumFigures {
	const p = presenceFor(seats, here);
	const required = requiredPresent(p.members, quorum);
	return { ...p, required, quorate: p.present >= required && p.chairPresent };
}
