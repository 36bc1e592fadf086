// Reads a certificate (a decision item with a certificate number) with what happened to it
// since: its revocation, the re-evaluation dossiers that renew it, the later certificate of the
// same product that replaced it, and its standing today.

import { and, eq, inArray, isNotNull, min, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
	certificateStanding,
	filingTiming,
	type CertificateStanding,
	type FilingTiming
} from '../../domain/certificate-life';
import type { Q } from '../db/client';
import { perConnection } from '../db/per-connection';
import {
	agendaItems,
	certificateRenewals,
	certificateReplacements,
	certificateRevocations,
	decisionItems,
	dossiers,
	lockedResults,
	organizations,
	products,
	recognitionDecisions
} from '../db/schema';
import { vnDate } from '../results/figures';

export interface CertificateView {
	seq: number;
	certificateNo: string;
	stars: number;
	expiresOn: string;
	decisionId: string;
	decisionNumber: string;
	decidedOn: string;
	productId: string;
	productName: string;
	productSetNo: number;
	organizationId: string;
	organization: string;
	revocation: typeof certificateRevocations.$inferSelect | null;
	/** The later certificate of the same product that replaced this one, if any. */
	replacement: { seq: number; certificateNo: string; replacedOn: string } | null;
	standing: CertificateStanding;
}

/** The decision item of the certificate that replaced this one. */
const replacing = alias(decisionItems, 'replacing');

function baseQuery(db: Q) {
	return db
		.select({
			seq: decisionItems.seq,
			certificateNo: decisionItems.certificateNo,
			stars: decisionItems.stars,
			expiresOn: decisionItems.expiresOn,
			decisionId: recognitionDecisions.id,
			decisionNumber: recognitionDecisions.number,
			decidedOn: recognitionDecisions.decidedOn,
			productId: products.id,
			productName: products.name,
			productSetNo: products.productSetNo,
			organizationId: organizations.id,
			organization: organizations.name,
			revocation: certificateRevocations,
			replacedBySeq: certificateReplacements.bySeq,
			replacedOn: certificateReplacements.replacedOn,
			replacedByNo: replacing.certificateNo
		})
		.from(decisionItems)
		.innerJoin(recognitionDecisions, eq(recognitionDecisions.id, decisionItems.decisionId))
		.innerJoin(lockedResults, eq(lockedResults.seq, decisionItems.seq))
		.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.leftJoin(certificateRevocations, eq(certificateRevocations.seq, decisionItems.seq))
		.leftJoin(certificateReplacements, eq(certificateReplacements.seq, decisionItems.seq))
		.leftJoin(
			replacing,
			and(eq(replacing.seq, certificateReplacements.bySeq), eq(replacing.outcome, 'recognized'))
		);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['all']>>[number];

function view(row: Row, today: string): CertificateView | null {
	const { replacedBySeq, replacedOn, replacedByNo, ...rest } = row;
	if (!rest.certificateNo || !rest.expiresOn) return null;
	return {
		...rest,
		certificateNo: rest.certificateNo,
		expiresOn: rest.expiresOn,
		replacement:
			replacedBySeq !== null && replacedOn !== null
				? { seq: replacedBySeq, certificateNo: replacedByNo ?? '', replacedOn }
				: null,
		standing: certificateStanding(
			rest.expiresOn,
			today,
			rest.revocation?.decidedOn ?? null,
			replacedOn
		)
	};
}

/** Built once per connection: every product page asks. */
const certificateQuery = perConnection((db) =>
	baseQuery(db)
		.where(
			and(eq(decisionItems.seq, sql.placeholder('seq')), eq(decisionItems.outcome, 'recognized'))
		)
		.prepare()
);

/** The certificate of a locked result, or null when it has none (forwarded, not decided). */
export function certificateOf(db: Q, seq: number, today: string): CertificateView | null {
	const row = certificateQuery(db).get({ seq });
	return row ? view(row, today) : null;
}

/** Every certificate, optionally only an organisation's, soonest expiry first. */
export function listCertificates(db: Q, today: string, orgId?: string): CertificateView[] {
	const rows = baseQuery(db)
		.where(orgId ? eq(organizations.id, orgId) : isNotNull(decisionItems.certificateNo))
		.all();
	return rows
		.map((r) => view(r, today))
		.filter((v): v is CertificateView => v !== null)
		.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : 0));
}

export interface Renews {
	seq: number;
	certificateNo: string;
	expiresOn: string;
	windowCloses: string;
	/** The day the re-evaluation was first filed (its first submit), null while a draft. */
	filedOn: string | null;
	/** How that filing stood against rule 10; `late` is marked "nộp muộn" for the office. */
	timing: FilingTiming | null;
}

/** The certificate each re-evaluation dossier renews, and whether it was filed late. */
export function renewalsOfDossiers(db: Q, dossierIds: string[]): Map<string, Renews> {
	if (dossierIds.length === 0) return new Map();
	const rows = db
		.select({
			dossierId: dossiers.id,
			productId: dossiers.productId,
			seq: certificateRenewals.seq,
			certificateNo: decisionItems.certificateNo,
			expiresOn: decisionItems.expiresOn
		})
		.from(dossiers)
		.innerJoin(certificateRenewals, eq(certificateRenewals.productId, dossiers.productId))
		.innerJoin(
			decisionItems,
			and(eq(decisionItems.seq, certificateRenewals.seq), eq(decisionItems.outcome, 'recognized'))
		)
		.where(inArray(dossiers.id, dossierIds))
		.all();
	// A returned and resubmitted version keeps the day the re-evaluation was first filed.
	const firstFiled = new Map(
		db
			.select({ productId: dossiers.productId, at: min(dossiers.submittedAt) })
			.from(dossiers)
			.where(
				inArray(
					dossiers.productId,
					rows.map((r) => r.productId)
				)
			)
			.groupBy(dossiers.productId)
			.all()
			.map((r) => [r.productId, r.at])
	);
	return new Map(
		rows.map((r) => {
			const expiresOn = r.expiresOn!;
			const at = firstFiled.get(r.productId);
			const filedOn = at ? vnDate(at) : null;
			const s = certificateStanding(expiresOn, filedOn ?? expiresOn);
			return [
				r.dossierId,
				{
					seq: r.seq,
					certificateNo: r.certificateNo!,
					expiresOn,
					windowCloses: s.windowCloses,
					filedOn,
					timing: filedOn ? filingTiming(s) : null
				}
			];
		})
	);
}

/** The re-evaluation dossiers (every version) filed against a certificate, newest first. */
export function renewalsOfCertificate(db: Q, seq: number) {
	return db
		.select({
			dossierId: dossiers.id,
			version: dossiers.version,
			state: dossiers.state,
			productName: products.name
		})
		.from(certificateRenewals)
		.innerJoin(dossiers, eq(dossiers.productId, certificateRenewals.productId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(certificateRenewals.seq, seq))
		.all()
		.sort((a, b) => b.version - a.version);
}

/** dd/mm/yyyy, the form Vietnamese readers expect, in either language. */
export function viDate(iso: string): string {
	return iso.split('-').reverse().join('/');
}
