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
		/** notifications/index.ts NOTIFICATION_KINDS. */
		kind: text('kind').notNull(),
		params: text('params', { mode: 'json' }).$type<Record<string, string | number>>().notNull(),
		/** A path of this app, e.g. `/producer/dossiers/<id>`. */
		link: text('link').notNull(),
		createdAt: integer('created_at').notNull(),
		readAt: integer('read_at')
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]
);

/**
 * The e-mail of a notification, stored in the event's own transaction before anything is sent
 * (outbox.ts): pending until the SMTP server accepts it, then sent; after the last refused
 * attempt it is failed and the office sees it (/office/mail) and may put it back.
 */
export const mailQueue = sqliteTable(
	'mail_queue',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		notificationId: integer('notification_id')
			.notNull()
			.unique()
			.references(() => notifications.id, { onDelete: 'cascade' }),
		recipient: text('recipient').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		/** The sitting's invitation: { filename, method, content }. */
		ics: text('ics', { mode: 'json' }).$type<{
			filename: string;
			method: string;
			content: string;
		}>(),
		/** pending, sending (claimed by this process), sent, failed. */
		state: text('state').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		lastError: text('last_error'),
		createdAt: integer('created_at').notNull(),
		sentAt: integer('sent_at')
	},
	(t) => [index('mail_queue_due_idx').on(t.state, t.nextAttemptAt)]
);
