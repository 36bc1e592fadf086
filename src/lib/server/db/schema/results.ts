import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CouncilRole } from '../../../domain/meeting';
import type { LockedRecord } from '../../../domain/result-record';
import { agendaItems } from './councils';

/**
 * Locked results: append-only. Triggers (db/client.ts) make SQLite refuse every UPDATE and
 * DELETE, so "locked means immutable" holds even for code that forgets.
 */
export const lockedResults = sqliteTable('locked_results', {
	/** The chain position, 1, 2, 3, … in lock order. */
	seq: integer('seq').primaryKey(),
	itemId: text('item_id')
		.notNull()
		.unique()
		.references(() => agendaItems.id),
	/** The whole record (LockedRecord) as canonical JSON, exactly what was hashed. */
	record: text('record', { mode: 'json' }).$type<LockedRecord>().notNull(),
	stars: integer('stars'),
	averageHundredths: integer('average_hundredths'),
	prevHash: text('prev_hash').notNull(),
	hash: text('hash').notNull().unique(),
	closedAt: integer('closed_at').notNull(),
	/**
	 * Who sat on the council when the item was locked, as the numbered documents name them
	 * (minutes, score sheets, report): a member removed or renamed later must not change them.
	 * Written with the row, so as immutable as it; outside the hashed record, since the published
	 * chain must not carry the names a council keeps private. Null on rows locked before it.
	 */
	seats: text('seats', { mode: 'json' }).$type<LockedSeat[]>()
});

/** A council seat as it was at locking time. */
export interface LockedSeat {
	id: string;
	name: string;
	title: string | null;
	role: CouncilRole;
	voting: boolean;
}

/** What the council decided to make public (separate, since locked rows never change). */
export const resultPublications = sqliteTable('result_publications', {
	seq: integer('seq')
		.primaryKey()
		.references(() => lockedResults.seq),
	publishedAt: integer('published_at').notNull(),
	publishedBy: text('published_by').notNull()
});
