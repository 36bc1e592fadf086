import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { agendaItems } from './councils';

/**
 * The Yjs update log: every accepted update of a live document (draft cards, discussion notes),
 * appended before it is broadcast, so a killed server restarts with everything it had shared.
 * Compaction replaces a document's rows with one merged update.
 */
export const yjsUpdates = sqliteTable(
	'yjs_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		doc: text('doc').notNull(),
		update: blob('update', { mode: 'buffer' }).$type<Buffer>().notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('yjs_updates_doc_idx').on(t.doc, t.id)]
);

/**
 * Bytes each person has written into a shared document (the discussion notes), over its whole
 * life: compaction of the log does not reset it. A member's share is bounded so that one
 * person cannot fill the document for the others (server/yjs/hub.ts).
 */
export const yjsWriterBytes = sqliteTable(
	'yjs_writer_bytes',
	{
		doc: text('doc').notNull(),
		userId: text('user_id').notNull(),
		bytes: integer('bytes').notNull()
	},
	(t) => [primaryKey({ columns: [t.doc, t.userId] })]
);

/**
 * Submitted scorecards: one per member per item per scoring round (lần chấm). Resubmitting in
 * the same round replaces the choices until the item closes; earlier rounds stay.
 */
export const scorecards = sqliteTable(
	'scorecards',
	{
		itemId: text('item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		round: integer('round').notNull(),
		/** Leaf code → option index, validated against the rubric when stored. */
		choices: text('choices', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		submittedAt: integer('submitted_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.itemId, t.userId, t.round] })]
);

/**
 * The member's comments on a product (Ý kiến của người đánh giá), printed on their score sheet.
 * Kept beside the card rather than in it: a card's receipt covers only its ticks, and a comment
 * may be written while the member reads the dossier, before the round opens.
 */
export const cardComments = sqliteTable(
	'card_comments',
	{
		itemId: text('item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.itemId, t.userId] })]
);
