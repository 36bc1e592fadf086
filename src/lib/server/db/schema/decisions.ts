import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { councils } from './councils';
import { lockedResults } from './results';

/** Quyết định công nhận: signed by the provincial chair, recorded by the OCOP office. */
export const recognitionDecisions = sqliteTable('recognition_decisions', {
	id: text('id').primaryKey(),
	councilId: text('council_id')
		.notNull()
		.references(() => councils.id),
	/** Số quyết định, e.g. "1234/QĐ-UBND". */
	number: text('number').notNull().unique(),
	/** ISO date (YYYY-MM-DD) the decision was signed; certificates run 36 months from it. */
	decidedOn: text('decided_on').notNull(),
	signer: text('signer').notNull(),
	signerTitle: text('signer_title').notNull(),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: integer('created_at').notNull()
});

export const DECISION_OUTCOMES = ['recognized', 'forwarded-central'] as const;

/**
 * One locked result the decision covers: recognised with a certificate (3★, 4★, or 5★ at the
 * central level), or approved as a 5★ candidate forwarded to the central council (no certificate).
 * A result the Ministry returns is recognised by a second decision, so a locked result may sit in
 * one forwarding decision and one recognition decision, never in two of either kind.
 */
export const decisionItems = sqliteTable(
	'decision_items',
	{
		seq: integer('seq')
			.notNull()
			.references(() => lockedResults.seq),
		decisionId: text('decision_id')
			.notNull()
			.references(() => recognitionDecisions.id),
		/** The recognised level; for a returned candidate the office's pick, not the council's 5★. */
		stars: integer('stars').notNull(),
		outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
		/** Số giấy chứng nhận; null for a forwarded candidate. */
		certificateNo: text('certificate_no').unique(),
		/** ISO date the certificate expires (decidedOn + 36 months); null when forwarded. */
		expiresOn: text('expires_on')
	},
	(t) => [
		index('decision_items_decision_idx').on(t.decisionId),
		// One item of each kind per result: the key is the rule.
		primaryKey({ columns: [t.seq, t.outcome] })
	]
);
