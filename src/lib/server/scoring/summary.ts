import { eq } from 'drizzle-orm';
import type { LockedRecord } from '../../domain/result-record';
import type { CountedCard, LockedSummary } from '../../protocol/scoring-events';
import type { Q } from '../db/client';
import { lockedResults } from '../db/schema';

export function lockedSummary(record: LockedRecord): LockedSummary {
	const { result } = record;
	return {
		itemId: record.itemId,
		sittingId: record.sittingId,
		seq: record.seq,
		hash: record.hash,
		round: record.cards[0]?.round ?? 1,
		average: result.average,
		band: result.band,
		floor: result.floor,
		stars: result.stars,
		outcome: result.outcome,
		override: record.override ? { reason: record.override.reason } : null,
		closedAt: record.closedAt
	};
}

export function lockedRecordOf(db: Q, itemId: string): LockedRecord | null {
	const row = db
		.select({ record: lockedResults.record })
		.from(lockedResults)
		.where(eq(lockedResults.itemId, itemId))
		.get();
	return row?.record ?? null;
}

/** The member's receipt in a locked record: the hash of their own card of the final round. */
export function receiptOf(record: LockedRecord, userId: string): string | null {
	return record.cards.find((c) => c.member === userId && !c.recused)?.receipt ?? null;
}

/** The member's own card in a locked record: the one that was counted (null if none was). */
export function countedCardOf(record: LockedRecord, userId: string): CountedCard | null {
	const mine = record.cards.find((c) => c.member === userId && !c.recused);
	return mine ? { round: mine.round, choices: mine.choices, submittedAt: mine.submittedAt } : null;
}
