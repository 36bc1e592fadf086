// The province's documents about recorded decisions: the recognition decision with its annex,
// and each product's certificate with a QR code to its public page.

import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Q } from '../db/client';
import { certificateReplacements, decisionItems, recognitionDecisions } from '../db/schema';
import { getResult, listResults, recordsOf } from '../results/repository';
import type { DecisionLine } from './decision';
import { cachedRender } from './pdf-cache';
import type { PdfRenderer } from './render-pool';
import { productCode } from './product-code';
import { reportCitation } from './register';
import { templateFor } from './templates';

export async function decisionDocument(
	renderer: PdfRenderer,
	db: Q,
	decisionId: string,
	now = Date.now()
): Promise<{ pdf: Buffer; number: string } | null> {
	const decision = db
		.select()
		.from(recognitionDecisions)
		.where(eq(recognitionDecisions.id, decisionId))
		.get();
	if (!decision) return null;
	// This decision's own items: a returned candidate also sits in the earlier forwarding decision.
	const items = new Map(
		db
			.select()
			.from(decisionItems)
			.where(eq(decisionItems.decisionId, decisionId))
			.all()
			.map((i) => [i.seq, i])
	);
	const seqs = [...items.keys()];
	const rows = listResults(db, {}, { published: false, limit: 100_000, offset: 0 }).rows.filter(
		(r) => seqs.includes(r.seq)
	);
	if (rows.length === 0) return null;
	const records = new Map(recordsOf(db, seqs).map((r) => [r.seq, r]));
	const template = templateFor(db, rows[0]);
	const replaced = recordedReplacements(db, seqs);
	const lines: DecisionLine[] = rows.map((r) => ({
		productName: r.productName,
		organization: r.organization,
		productCode: productCode(db, template, records.get(r.seq)!.dossierId, r.year, now),
		stars: items.get(r.seq)!.stars,
		outcome: items.get(r.seq)!.outcome,
		certificateNo: items.get(r.seq)!.certificateNo,
		expiresOn: items.get(r.seq)!.expiresOn,
		report: reportCitation(db, records.get(r.seq)!, template.council.symbol, now),
		replaces: replaced.get(r.seq) ?? null
	}));
	const input = {
		template,
		number: decision.number,
		decidedOn: decision.decidedOn,
		signer: decision.signer,
		signerTitle: decision.signerTitle,
		year: rows[0].year,
		rubricVersion: records.get(rows[0].seq)!.rubricVersion,
		lines
	};
	const pdf = await cachedRender(renderer, { kind: 'decision', input });
	return { pdf, number: decision.number };
}

/** A product's certificate: only for a recognised product with a certificate number. */
export async function certificateDocument(
	renderer: PdfRenderer,
	db: Q,
	seq: number,
	opts: { published: boolean; origin: string; now?: number }
): Promise<Buffer | null> {
	const found = getResult(db, seq, { published: opts.published });
	const row = found?.row;
	if (!found || !row?.certificateNo || !row.expiresOn || !row.decisionNumber) return null;
	const decision = db
		.select()
		.from(recognitionDecisions)
		.innerJoin(decisionItems, eq(decisionItems.decisionId, recognitionDecisions.id))
		.where(and(eq(decisionItems.seq, seq), eq(decisionItems.outcome, 'recognized')))
		.get()!.recognition_decisions;
	const template = templateFor(db, row);
	const input = {
		template,
		certificateNo: row.certificateNo,
		productName: row.productName,
		productCode: productCode(db, template, found.record.dossierId, row.year, opts.now),
		organization: row.organization,
		stars: row.decisionStars ?? row.stars ?? 0,
		decisionNumber: row.decisionNumber,
		decidedOn: decision.decidedOn,
		expiresOn: row.expiresOn,
		signer: decision.signer,
		signerTitle: decision.signerTitle,
		url: `${opts.origin.replace(/\/$/, '')}/results/${seq}`
	};
	return cachedRender(renderer, { kind: 'certificate', input });
}

/**
 * The certificates these results' recognitions replace (recorded with the decision, so the text
 * is the same at every printing), by the replacing result: the old number and its decision.
 */
function recordedReplacements(db: Q, seqs: number[]) {
	if (seqs.length === 0) return new Map<number, NonNullable<DecisionLine['replaces']>>();
	const rows = db
		.select({
			bySeq: certificateReplacements.bySeq,
			certificateNo: decisionItems.certificateNo,
			decisionNumber: recognitionDecisions.number,
			decidedOn: recognitionDecisions.decidedOn
		})
		.from(certificateReplacements)
		.innerJoin(
			decisionItems,
			and(
				eq(decisionItems.seq, certificateReplacements.seq),
				eq(decisionItems.outcome, 'recognized'),
				isNotNull(decisionItems.certificateNo)
			)
		)
		.innerJoin(recognitionDecisions, eq(recognitionDecisions.id, decisionItems.decisionId))
		.where(inArray(certificateReplacements.bySeq, seqs))
		.all();
	return new Map(
		rows.map((r) => [
			r.bySeq,
			{ certificateNo: r.certificateNo!, decisionNumber: r.decisionNumber, decidedOn: r.decidedOn }
		])
	);
}
