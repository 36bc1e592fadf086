import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { COMPLAINT_STATUSES } from '../../../domain/complaint';
import { users } from './core';
import { agendaItems, sittings } from './councils';
import { recognitionDecisions } from './decisions';
import { lockedResults } from './results';
import { products } from './dossiers';

export { COMPLAINT_STATUSES };

/**
 * A re-evaluation names the certificate (decision item) it renews. Kept per product, so every
 * version of its dossier renews the same certificate; one product per certificate.
 */
export const certificateRenewals = sqliteTable('certificate_renewals', {
	productId: text('product_id')
		.primaryKey()
		.references(() => products.id),
	seq: integer('seq')
		.notNull()
		.unique()
		.references(() => lockedResults.seq),
	createdAt: integer('created_at').notNull()
});

/** Thu hồi: a certificate ends by its own decision; one revocation per certificate. */
export const certificateRevocations = sqliteTable('certificate_revocations', {
	seq: integer('seq')
		.primaryKey()
		.references(() => lockedResults.seq),
	/**
	 * Căn cứ thu hồi in the revoking decision's own words. Rows written before free text carry a
	 * code of the old fixed list (domain/revocation.ts reads them) with its wording in `detail`.
	 */
	ground: text('ground').notNull(),
	detail: text('detail').notNull(),
	/** Số quyết định thu hồi, from the document register or as numbered on paper. */
	number: text('number').notNull().unique(),
	/** ISO date the revocation was signed; the certificate is void from that day. */
	decidedOn: text('decided_on').notNull(),
	signer: text('signer').notNull(),
	signerTitle: text('signer_title').notNull(),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: integer('created_at').notNull()
});

/**
 * A certificate replaced by a later recognition of the same product (a re-evaluation or an
 * upgrade decided while it was in force): from the new decision's date the product holds one
 * certificate, the new one. Written with the decision that replaces it; one replacement per
 * certificate.
 */
export const certificateReplacements = sqliteTable(
	'certificate_replacements',
	{
		seq: integer('seq')
			.primaryKey()
			.references(() => lockedResults.seq),
		/** The locked result whose certificate replaces it. */
		bySeq: integer('by_seq')
			.notNull()
			.references(() => lockedResults.seq),
		/** ISO date of the replacing decision: the old certificate is no longer valid from that day. */
		replacedOn: text('replaced_on').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('certificate_replacements_by_idx').on(t.bySeq)]
);

/** Khiếu nại against a recognition decision, and how the office handled it. */
export const decisionComplaints = sqliteTable(
	'decision_complaints',
	{
		id: text('id').primaryKey(),
		decisionId: text('decision_id')
			.notNull()
			.references(() => recognitionDecisions.id),
		complainant: text('complainant').notNull(),
		receivedOn: text('received_on').notNull(),
		content: text('content').notNull(),
		status: text('status', { enum: COMPLAINT_STATUSES }).notNull().default('received'),
		resolution: text('resolution'),
		resolvedOn: text('resolved_on'),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('decision_complaints_decision_idx').on(t.decisionId)]
);

/**
 * Lấy ý kiến bằng văn bản: a sitting held without a meeting. Its items are scored between the
 * two dates (Vietnamese calendar days, inclusive) by the council's members on their own cards.
 */
export const writtenRounds = sqliteTable('written_rounds', {
	sittingId: text('sitting_id')
		.primaryKey()
		.references(() => sittings.id, { onDelete: 'cascade' }),
	opensOn: text('opens_on').notNull(),
	closesOn: text('closes_on').notNull(),
	openedBy: text('opened_by')
		.notNull()
		.references(() => users.id),
	createdAt: integer('created_at').notNull()
});

export const WRITTEN_OUTCOMES = ['locked', 'to-sitting'] as const;

/** How each written item ended: locked as a sitting would, or sent to a sitting and why. */
export const writtenOutcomes = sqliteTable('written_outcomes', {
	itemId: text('item_id')
		.primaryKey()
		.references(() => agendaItems.id, { onDelete: 'cascade' }),
	outcome: text('outcome', { enum: WRITTEN_OUTCOMES }).notNull(),
	/** For `to-sitting`: the blocked reason (quorum, incomplete, spread). */
	reason: text('reason'),
	at: integer('at').notNull()
});
