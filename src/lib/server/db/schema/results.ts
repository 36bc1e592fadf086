import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
	closedAt: integer('closed_at').notNull()
});

/** What the council decided to make public (separate, since locked rows never change). */
export const resultPublications = sqliteTable('result_publications', {
	seq: integer('seq')
		.primaryKey()
		.references(() => lockedResults.seq),
	publishedAt: integer('published_at').notNull(),
	publishedBy: text('published_by').notNull()
});
