import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Sổ đăng ký văn bản: every number and symbol the app has issued. A number restarts at 1 each
 * calendar year per issuing body and document kind, and is never issued twice: rows are never
 * updated or deleted (triggers in `db/client.ts`), and the unique index refuses a second holder.
 * `subject` names what the number was issued for, so printing a document again reuses its number.
 */
export const documentRegister = sqliteTable(
	'document_register',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** The issuing body's key, e.g. `council:<id>` or `ubnd:Đà Nẵng`. */
		issuer: text('issuer').notNull(),
		/** Type abbreviation of Phụ lục III (BB, BC, QĐ, TTr, TB), or `CV` for a letter. */
		kind: text('kind').notNull(),
		year: integer('year').notNull(),
		number: integer('number').notNull(),
		/** The whole number and symbol as printed, e.g. `03/BB-HĐOCOP`. */
		symbol: text('symbol').notNull(),
		/** What the number is for, e.g. `minutes:<sitting id>`; one number per subject. */
		subject: text('subject').notNull(),
		issuedAt: integer('issued_at').notNull()
	},
	(t) => [
		uniqueIndex('document_register_number_idx').on(t.issuer, t.kind, t.year, t.number),
		uniqueIndex('document_register_subject_idx').on(t.subject),
		index('document_register_symbol_idx').on(t.symbol)
	]
);
