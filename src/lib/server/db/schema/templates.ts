import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ProvinceTemplate } from '../../documents/templates';
import { users } from './core';

/**
 * A province's document template (issuing bodies, place, commune codes, recipients and signers
 * per document kind), set by the office in the app; keyed by the councils' `place`.
 */
export const provinceTemplates = sqliteTable('province_templates', {
	place: text('place').primaryKey(),
	data: text('data', { mode: 'json' }).$type<ProvinceTemplate>().notNull(),
	updatedBy: text('updated_by').references(() => users.id),
	updatedAt: integer('updated_at').notNull()
});
