import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core';

export const ORGANIZATION_KINDS = [
	'cooperative',
	'cooperative-group',
	'enterprise',
	'farm',
	'household-business'
] as const;

/** Chủ thể OCOP. */
export const organizations = sqliteTable('organizations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
	registrationNo: text('registration_no'),
	representative: text('representative'),
	/** Criterion 3.2 asks about the representative's gender and ethnicity. */
	representativeGender: text('representative_gender', { enum: ['female', 'male', 'other'] }),
	representativeEthnicity: text('representative_ethnicity'),
	address: text('address'),
	province: text('province'),
	commune: text('commune'),
	createdAt: integer('created_at').notNull()
});

export const REGISTRATION_KINDS = ['first', 'upgrade', 'reevaluation'] as const;
export const DOSSIER_STATES = [
	'draft',
	'submitted',
	'returned',
	'forwarded',
	'info-requested',
	'ready',
	'scheduled',
	'evaluated'
] as const;

export const products = sqliteTable('products', {
	id: text('id').primaryKey(),
	organizationId: text('organization_id')
		.notNull()
		.references(() => organizations.id),
	name: text('name').notNull(),
	rubricVersion: text('rubric_version').notNull(),
	productSetNo: integer('product_set_no').notNull(),
	createdAt: integer('created_at').notNull()
});

/** Hồ sơ sản phẩm: one version of a product's dossier; submitting freezes it. */
export const dossiers = sqliteTable(
	'dossiers',
	{
		id: text('id').primaryKey(),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		version: integer('version').notNull().default(1),
		registrationKind: text('registration_kind', { enum: REGISTRATION_KINDS }).notNull(),
		sampleCount: integer('sample_count').notNull().default(1),
		state: text('state', { enum: DOSSIER_STATES }).notNull().default('draft'),
		/** Commune (xã) that reviews it. */
		commune: text('commune'),
		submittedAt: integer('submitted_at'),
		returnReason: text('return_reason'),
		createdBy: text('created_by').references(() => users.id),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('dossiers_product_idx').on(t.productId)]
);
