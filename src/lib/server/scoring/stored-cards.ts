// The cards submitted on an item, as stored: read by closing, by the written round's settling and
// by the documents, without importing the submit path (cards.ts), which settles written rounds.
import { asc, eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { scorecards } from '../db/schema';

export type StoredCard = typeof scorecards.$inferSelect;

export function cardsOfItem(db: Q, itemId: string): StoredCard[] {
	return db
		.select()
		.from(scorecards)
		.where(eq(scorecards.itemId, itemId))
		.orderBy(asc(scorecards.round), asc(scorecards.submittedAt))
		.all();
}
