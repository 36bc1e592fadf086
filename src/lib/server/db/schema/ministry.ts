import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { dossiers } from './dossiers';
import { users } from './core';

export const MINISTRY_DIRECTIONS = ['out', 'in'] as const;
export const MINISTRY_KINDS = ['candidate', 'central-result'] as const;
export const CENTRAL_OUTCOMES = ['recognized', 'returned'] as const;

/**
 * Packages exchanged between a province and the central level: a 5★ candidate sent to the
 * Ministry, and the central council's answer sent back. Every package issued or accepted is kept,
 * so a package (or another one about the same locked result) is never accepted twice.
 */
export const ministryPackages = sqliteTable(
	'ministry_packages',
	{
		/** The package id from its signed manifest. */
		id: text('id').primaryKey(),
		direction: text('direction', { enum: MINISTRY_DIRECTIONS }).notNull(),
		kind: text('kind', { enum: MINISTRY_KINDS }).notNull(),
		/** SHA-256 of the signed manifest. */
		manifestSha256: text('manifest_sha256').notNull(),
		/** Fingerprint of the key that signed it (ours when outgoing). */
		signerKey: text('signer_key').notNull(),
		/** The locked result on this instance the package is about (null for an imported candidate). */
		seq: integer('seq'),
		/** The locked result it carries, on the instance that locked it. */
		originSeq: integer('origin_seq').notNull(),
		originHash: text('origin_hash').notNull(),
		/** For an answer: the candidate package it answers. */
		answersId: text('answers_id'),
		/** The dossier an imported candidate became. */
		dossierId: text('dossier_id').references(() => dossiers.id),
		outcome: text('outcome', { enum: CENTRAL_OUTCOMES }),
		stars: integer('stars'),
		/** Số công văn of a candidate's forwarding letter. */
		letterNo: text('letter_no'),
		createdBy: text('created_by').references(() => users.id),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		uniqueIndex('ministry_packages_origin_idx').on(t.direction, t.kind, t.originHash),
		uniqueIndex('ministry_packages_answer_idx').on(t.direction, t.answersId),
		index('ministry_packages_seq_idx').on(t.seq)
	]
);
