import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { CouncilLevel, RatingResult } from './rating';

/**
 * A locked result: everything needed to recompute and check it later without the database.
 * Its hash chains to the previous locked record, so a changed, removed or reordered record is
 * found by re-walking the chain (`ocop verify`).
 */
export interface LockedCard {
	/** Stable member id inside the record (user id); published bundles may pseudonymise it. */
	member: string;
	recused: boolean;
	/** Scoring round (lần chấm) this card belongs to. */
	round: number;
	choices: Record<string, number>;
	submittedAt: number;
	/** SHA-256 of the card's canonical JSON: the member's receipt. */
	receipt: string;
}

/**
 * What readers see next to the figures, copied at locking time: a later rename of the
 * organisation, council or round must not show up next to the locked hash.
 */
export interface LockedContext {
	organizationName: string;
	councilName: string;
	authority: string;
	place: string;
	roundId: string;
	roundName: string;
	year: number;
	roundNo: number;
	sittingTitle: string;
}

export interface LockedRecordBody {
	seq: number;
	itemId: string;
	sittingId: string;
	councilId: string;
	dossierId: string;
	productName: string;
	/** Absent only in records locked before the context was hashed in. */
	context?: LockedContext;
	rubricVersion: string;
	productSetNo: number;
	level: CouncilLevel;
	settings: { quorum: string; maxSpread: number; blindScoring: boolean };
	attendance: { members: number; present: number; chairPresent: boolean; presentIds: string[] };
	/** The cards of the final scoring round that entered the result. */
	cards: LockedCard[];
	/** Earlier rounds' cards, kept in the record (a re-score never erases). */
	earlierRounds: LockedCard[];
	result: RatingResult;
	override: { reason: string; blocked: string } | null;
	closedBy: string;
	closedAt: number;
}

export interface LockedRecord extends LockedRecordBody {
	prevHash: string;
	hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
		return JSON.stringify(value) ?? 'null';
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

export function cardReceipt(card: Omit<LockedCard, 'receipt'>): string {
	return sha256Hex(canonicalJson(card));
}

/** The text a record's hash is taken of: the previous record's hash, then its canonical body. */
export function recordHashInput(prevHash: string, body: LockedRecordBody): string {
	return `${prevHash}\n${canonicalJson(body)}`;
}

export function recordHash(prevHash: string, body: LockedRecordBody): string {
	return sha256Hex(recordHashInput(prevHash, body));
}

export function sealRecord(prevHash: string, body: LockedRecordBody): LockedRecord {
	return { ...body, prevHash, hash: recordHash(prevHash, body) };
}

export type ChainProblem =
	| { seq: number; problem: 'hash'; expected: string; found: string }
	| { seq: number; problem: 'link'; expected: string; found: string }
	| { seq: number; problem: 'gap'; expected: number }
	| { seq: number; problem: 'receipt'; member: string };

/** Walks records in sequence order and names every break: edits, removals, reorderings. */
export function checkChain(records: readonly LockedRecord[]): ChainProblem[] {
	const problems: ChainProblem[] = [];
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	for (const r of records) {
		if (r.seq !== expectedSeq) problems.push({ seq: r.seq, problem: 'gap', expected: expectedSeq });
		if (r.prevHash !== prev)
			problems.push({ seq: r.seq, problem: 'link', expected: prev, found: r.prevHash });
		const { prevHash: _p, hash: _h, ...body } = r;
		const actual = recordHash(r.prevHash, body);
		if (actual !== r.hash)
			problems.push({ seq: r.seq, problem: 'hash', expected: actual, found: r.hash });
		for (const card of [...r.cards, ...r.earlierRounds]) {
			const { receipt, ...rest } = card;
			if (cardReceipt(rest) !== receipt)
				problems.push({ seq: r.seq, problem: 'receipt', member: card.member });
		}
		prev = r.hash;
		expectedSeq = r.seq + 1;
	}
	return problems;
}
