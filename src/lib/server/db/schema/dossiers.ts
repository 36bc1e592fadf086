import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DOSSIER_STATES } from '../../../domain/dossier-state';
import { GENDERS, ORGANIZATION_KINDS, REGISTRATION_KINDS } from '../../../domain/organization';
import { users } from './core';

export { ORGANIZATION_KINDS, REGISTRATION_KINDS };

/** Chủ thể OCOP. */
export const organizations = sqliteTable('organizations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
	registrationNo: text('registration_no'),
	representative: text('representative'),
	/** Criterion 3.2 asks about the representative's gender and ethnicity. */
	representativeGender: text('representative_gender', { enum: GENDERS }),
	representativeEthnicity: text('representative_ethnicity'),
	address: text('address'),
	province: text('province'),
	commune: text('commune'),
	createdAt: integer('created_at').notNull()
});

export { DOSSIER_STATES };

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
		/**
		 * Set 26 only: which "choose one of two cases" the product is, a (a service the community
		 * provides) or b (a tourist site, or a service of an organisation or a person).
		 */
		serviceCase: text('service_case', { enum: ['a', 'b'] }),
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

/** Mẫu 02, part III: the option the producer claims on each leaf criterion of its scorecard. */
export const selfAssessments = sqliteTable(
	'self_assessments',
	{
		dossierId: text('dossier_id')
			.notNull()
			.references(() => dossiers.id, { onDelete: 'cascade' }),
		leafCode: text('leaf_code').notNull(),
		/** 0-based option index in form order; -1 = none met (the rating core's encoding). */
		choice: integer('choice').notNull()
	},
	(t) => [primaryKey({ columns: [t.dossierId, t.leafCode] })]
);

export const FILE_KINDS = ['evidence', 'supplement', 'advisory-report', 'lab-result'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * A stored file of a dossier. The bytes live under config.uploadDir with a random name; the
 * client's name is kept only as sanitized metadata and never touches the file system.
 */
export const dossierFiles = sqliteTable(
	'dossier_files',
	{
		id: text('id').primaryKey(),
		dossierId: text('dossier_id')
			.notNull()
			.references(() => dossiers.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: FILE_KINDS }).notNull(),
		/** The criterion the evidence supports; null for dossier-level documents. */
		leafCode: text('leaf_code'),
		storedName: text('stored_name').notNull(),
		originalName: text('original_name').notNull(),
		mime: text('mime').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		uploadedBy: text('uploaded_by').references(() => users.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('dossier_files_dossier_idx').on(t.dossierId)]
);

export const COMMUNE_PROPOSALS = ['forward', 'return'] as const;

/** Mẫu 03: the commune's findings and proposal on one dossier version. */
export const communeReviews = sqliteTable('commune_reviews', {
	dossierId: text('dossier_id')
		.primaryKey()
		.references(() => dossiers.id, { onDelete: 'cascade' }),
	rawMaterial: text('raw_material').notNull(),
	labour: text('labour').notNull(),
	ideaOrigin: text('idea_origin').notNull(),
	identity: text('identity').notNull(),
	proposal: text('proposal').notNull(),
	decision: text('decision', { enum: COMMUNE_PROPOSALS }),
	reviewerId: text('reviewer_id').references(() => users.id),
	updatedAt: integer('updated_at').notNull()
});

/** The OCOP office asks the producer for missing documents. */
export const documentRequests = sqliteTable(
	'document_requests',
	{
		id: text('id').primaryKey(),
		dossierId: text('dossier_id')
			.notNull()
			.references(() => dossiers.id, { onDelete: 'cascade' }),
		message: text('message').notNull(),
		requestedBy: text('requested_by').references(() => users.id),
		createdAt: integer('created_at').notNull(),
		answeredAt: integer('answered_at')
	},
	(t) => [index('document_requests_dossier_idx').on(t.dossierId)]
);
