// The province's side: a 5★ candidate (the council's "tiềm năng 5 sao") leaves as one signed
// package holding the forwarding letter, the locked result bundle and the dossier; the Ministry's
// answer comes back as a package that records "recognised 5★" or "returned" on the result.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import { databaseFileOf } from '../chain-head';
import type { Q } from '../db/client';
import {
	communeReviews,
	dossierFiles,
	dossiers,
	ministryPackages,
	organizations,
	products,
	selfAssessments
} from '../db/schema';
import { productCode } from '../documents/product-code';
import { issueNumber, reportCitation, vnYear } from '../documents/register';
import type { PdfRenderer } from '../documents/render-pool';
import { templateFor } from '../documents/templates';
import { LETTER_UNIT } from '../documents/ministry-letter';
import { bundleJson, issueBundle } from '../exports/bundle';
import { getResult, selectedResults } from '../results/repository';
import { vnDate } from '../results/figures';
import { loadSigningKey } from '../signing';
import { signatureOf } from '../uploads/sniff';
import type { ZipEntry } from './zip';
import { centralAnswer, decidedOutcome, packageRow, pad2, vnPoints } from './common';
import { BUNDLE, buildPackage, openPackage, trustedKeys } from './package';
import { refuse } from '../refusal';

export interface ForwardCandidate {
	seq: number;
	productName: string;
	organization: string;
	average: string;
	sent: { id: string; letterNo: string | null; at: number } | null;
	answer: { outcome: string; at: number } | null;
}

/** Locked province results whose council found them "tiềm năng 5 sao". */
export function forwardCandidates(db: Q): ForwardCandidate[] {
	// SQL narrows to the results that may have been forwarded; decidedOutcome has the last word.
	const rows = selectedResults(db, { level: 'province', forwardable: true }, false);
	return rows.flatMap((row) => {
		const found = getResult(db, row.seq, { published: false });
		if (!found || decidedOutcome(found.record) !== 'forwarded-central') return [];
		const sent = packageRow(db, 'out', 'candidate', { seq: row.seq });
		return [
			{
				seq: row.seq,
				productName: row.productName,
				organization: row.organization,
				average: vnPoints(found.record.result.average),
				sent: sent ? { id: sent.id, letterNo: sent.letterNo, at: sent.createdAt } : null,
				answer: centralAnswer(db, row.seq)
			}
		];
	});
}

export interface LetterSigner {
	signer: string;
	signerTitle: string;
}

/** The dossier as the central level needs it, and its files under dossier/files/. */
function dossierPart(db: Q, uploadDir: string, dossierId: string): ZipEntry[] {
	const dossier = db.select().from(dossiers).where(eq(dossiers.id, dossierId)).get();
	if (!dossier) refuse('bad-request', 'ministry.errors.notCandidate');
	const product = db.select().from(products).where(eq(products.id, dossier.productId)).get()!;
	const org = db
		.select()
		.from(organizations)
		.where(eq(organizations.id, product.organizationId))
		.get()!;
	const files = db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, dossierId)).all();
	const entries: ZipEntry[] = [];
	const listed = files.map((f, i) => {
		let data: Buffer;
		try {
			data = readFileSync(join(resolve(uploadDir), f.storedName));
		} catch {
			refuse('bad-request', 'ministry.errors.fileMissing', { name: f.originalName });
		}
		const ext = signatureOf(data)?.ext ?? 'bin';
		const path = `dossier/files/${pad2(i + 1)}.${ext}`;
		entries.push({ name: path, data });
		return { path, kind: f.kind, leafCode: f.leafCode, name: f.originalName, mime: f.mime };
	});
	const review = db
		.select()
		.from(communeReviews)
		.where(eq(communeReviews.dossierId, dossierId))
		.get();
	const description = {
		organization: {
			name: org.name,
			kind: org.kind,
			registrationNo: org.registrationNo,
			representative: org.representative,
			representativeGender: org.representativeGender,
			representativeEthnicity: org.representativeEthnicity,
			address: org.address,
			province: org.province,
			commune: org.commune
		},
		product: {
			name: product.name,
			rubricVersion: product.rubricVersion,
			productSetNo: product.productSetNo
		},
		dossier: {
			version: dossier.version,
			registrationKind: dossier.registrationKind,
			sampleCount: dossier.sampleCount,
			commune: dossier.commune
		},
		selfAssessment: Object.fromEntries(
			db
				.select()
				.from(selfAssessments)
				.where(eq(selfAssessments.dossierId, dossierId))
				.all()
				.map((s) => [s.leafCode, s.choice])
		),
		communeReview: review
			? {
					rawMaterial: review.rawMaterial,
					labour: review.labour,
					ideaOrigin: review.ideaOrigin,
					identity: review.identity,
					proposal: review.proposal,
					decision: review.decision
				}
			: null,
		files: listed
	};
	return [
		{ name: 'dossier/dossier.json', data: Buffer.from(JSON.stringify(description, null, 2)) },
		...entries
	];
}

/**
 * The package for one candidate, with its letter numbered from the register (a second download
 * keeps the package id and the letter's number).
 */
export async function candidatePackage(
	renderer: PdfRenderer,
	db: Q,
	opts: { uploadDir: string; origin: string },
	seq: number,
	signer: LetterSigner,
	by: string,
	now: number
): Promise<{ bytes: Buffer; fileName: string }> {
	const found = getResult(db, seq, { published: false });
	if (
		!found ||
		found.record.level !== 'province' ||
		decidedOutcome(found.record) !== 'forwarded-central'
	)
		refuse('bad-request', 'ministry.errors.notCandidate');
	if (centralAnswer(db, seq)) refuse('bad-request', 'ministry.errors.alreadyAnswered');
	const { row, record } = found;
	const template = templateFor(db, row);
	const had = packageRow(db, 'out', 'candidate', { seq });
	const id = had?.id ?? randomUUID();
	const createdAt = had?.createdAt ?? now;
	const letterNo = issueNumber(db, {
		issuer: `ubnd:${template.place}`,
		kind: 'CV',
		bodySymbol: template.ubnd.symbol,
		year: vnYear(createdAt),
		subject: `ministry-letter:${seq}`,
		now,
		format: (n) => `${pad2(n)}/${template.ubnd.symbol}-${LETTER_UNIT}`
	}).symbol;
	const input = {
		template,
		number: letterNo,
		date: vnDate(createdAt),
		...signer,
		rubricVersion: record.rubricVersion,
		lines: [
			{
				productName: row.productName,
				organization: row.organization,
				productCode: productCode(db, template, record.dossierId, row.year, now),
				average: vnPoints(record.result.average),
				report: reportCitation(db, record, template.council.symbol, now),
				seq,
				hash: record.hash
			}
		]
	};
	const letter = await renderer.render({ kind: 'ministry-letter', input });
	const files: ZipEntry[] = [
		{ name: 'letter/cong-van.pdf', data: letter },
		{ name: BUNDLE, data: Buffer.from(bundleJson(issueBundle(db, record))) },
		...dossierPart(db, opts.uploadDir, record.dossierId)
	];
	const key = loadSigningKey(databaseFileOf(db));
	const built = buildPackage(
		key,
		{
			id,
			kind: 'candidate',
			createdAt,
			from: {
				level: 'province',
				origin: opts.origin,
				authority: row.authority,
				key: key.fingerprint
			},
			result: { seq, hash: record.hash }
		},
		files
	);
	if (!had)
		db.transaction((tx) => {
			tx.insert(ministryPackages)
				.values({
					id,
					direction: 'out',
					kind: 'candidate',
					manifestSha256: built.manifestSha256,
					signerKey: key.fingerprint,
					seq,
					originSeq: seq,
					originHash: record.hash,
					letterNo,
					createdBy: by,
					createdAt
				})
				.run();
			audit(
				tx,
				{
					actorId: by,
					action: 'ministry.send',
					subject: `result:${seq}`,
					detail: { id, letterNo }
				},
				now
			);
		});
	return { bytes: built.bytes, fileName: `ocop-5sao-${seq}-${id.slice(0, 8)}.zip` };
}

/**
 * Records the central council's answer. Refused, changing nothing, unless it is signed by a
 * trusted key, answers a candidate this province sent, and is the first answer to it.
 */
export function importAnswer(
	db: Q,
	trusted: string[],
	bytes: Uint8Array,
	by: string,
	now: number
): { seq: number; outcome: 'recognized' | 'returned' } {
	const opened = openPackage(bytes, trustedKeys(trusted));
	const { manifest, record } = opened;
	if (
		manifest.kind !== 'central-result' ||
		manifest.from.level !== 'central' ||
		record.level !== 'central'
	)
		refuse('bad-request', 'ministry.errors.wrongKind');
	const sent = manifest.answers
		? packageRow(db, 'out', 'candidate', { id: manifest.answers })
		: undefined;
	if (!sent?.seq) refuse('bad-request', 'ministry.errors.unknownCandidate');
	const decided = decidedOutcome(record);
	if (decided !== 'recognized' && decided !== 'returned')
		refuse('bad-request', 'ministry.errors.badBundle');
	return db.transaction((tx) => {
		const seen =
			tx.select().from(ministryPackages).where(eq(ministryPackages.id, manifest.id)).get() ??
			packageRow(tx, 'in', 'central-result', { answersId: sent.id });
		if (seen) refuse('bad-request', 'ministry.errors.replayed');
		tx.insert(ministryPackages)
			.values({
				id: manifest.id,
				direction: 'in',
				kind: 'central-result',
				manifestSha256: opened.manifestSha256,
				signerKey: manifest.from.key,
				seq: sent.seq,
				originSeq: record.seq,
				originHash: record.hash,
				answersId: sent.id,
				outcome: decided,
				stars: record.result.stars,
				createdBy: by,
				createdAt: now
			})
			.run();
		audit(
			tx,
			{
				actorId: by,
				action: 'ministry.answer',
				subject: `result:${sent.seq}`,
				detail: { id: manifest.id, outcome: decided, centralSeq: record.seq }
			},
			now
		);
		return { seq: sent.seq!, outcome: decided };
	});
}
