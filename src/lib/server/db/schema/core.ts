import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { ACCOUNT_ROLES } from '../../../domain/accounts';

export { ACCOUNT_ROLES, type AccountRole } from '../../../domain/accounts';

const createdAt = () =>
	integer('created_at', { mode: 'number' })
		.notNull()
		.default(sql`(unixepoch() * 1000)`);

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role', { enum: ACCOUNT_ROLES }).notNull(),
		passwordHash: text('password_hash'),
		/** The producer organisation a producer account acts for. */
		organizationId: text('organization_id'),
		/** The commune a commune officer reviews for (free text code until the registry exists). */
		communeCode: text('commune_code'),
		disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('users_email_unique').on(t.email)]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 (hex) of the token held in the cookie; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'number' }).notNull(),
		/** Sliding idle expiry, pushed forward on use. */
		expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
		/** Absolute lifetime: never extended. */
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'number' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const invitations = sqliteTable('invitations', {
	/** SHA-256 (hex) of the one-time token in the link. */
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	createdBy: text('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'number' }).notNull(),
	expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
	usedAt: integer('used_at', { mode: 'number' })
});

/** Failed logins, kept for throttling per account and per address. */
export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** 'email:<address>' or 'ip:<address>'. */
		key: text('key').notNull(),
		at: integer('at', { mode: 'number' }).notNull()
	},
	(t) => [index('login_attempts_key_idx').on(t.key, t.at)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'number' }).notNull(),
		actorId: text('actor_id'),
		action: text('action').notNull(),
		subject: text('subject'),
		detail: text('detail', { mode: 'json' })
	},
	(t) => [index('audit_at_idx').on(t.at)]
);
