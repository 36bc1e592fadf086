import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core';

/**
 * What happened to someone's dossier or council, kept per person. The message is translated when
 * it is shown (kind + params), so a person reads it in the language they have chosen then.
 */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** dossier-returned, documents-requested, sitting-scheduled, result-published. */
		kind: text('kind').notNull(),
		params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
		/** A path of this app, e.g. `/producer/dossiers/<id>`. */
		link: text('link').notNull(),
		createdAt: integer('created_at').notNull(),
		readAt: integer('read_at')
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);
