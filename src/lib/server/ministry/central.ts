// The central level's side: a province's signed 5★ candidate becomes a dossier ready for the
// central council (files, self-assessment and the commune's review copied in), and the central
// council's locked result for it leaves as a signed answer package for that province.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { leafIndex } from '../../domain/rubric';
import { findRubric } from '../../domain/rubrics';
import { audit } from '../audit';
import { databaseFileOf } from '../chain-head';
import type { Db, Q } from '../db/client';
import {
	communeReviews,
	dossierFiles,
	dossiers,
	ministryPackages,
	organizations,
	products,
	selfAssessments
} from '../db/schema';
import { bundleJson, issueBundle } from '../exports/bundle';
import { getResult, selectedResults } from '../results/repository';
import { loadSigningKey } from '../signing';
import { MAX_NAME_LENGTH } from '../uploads/limits';
import { sanitizeName, sniff } from '../uploads/sniff';
import { decidedOutcome, packageRow, vnPoints } from './common';
import { dossierShape, type PackedDossier } from './dossier-shape';
import { BUNDLE, buildPackage, openPackage, trustedKeys } from './package';
import { refuse } from '../refusal';

const LETTER = 'letter/cong-van.pdf';
/** Imports a province's candidate as a dossier ready for the central council. */
export function importCandidate(
	db: Db,
	opts: { uploadDir: string; trusted: string[] },
	bytes: Uint8Array,
	by: string,
	now: number
): { dossierId: string; productName: string } {
	const opened = openPackage(bytes, trustedKeys(opts.trusted));
	const { manifest, record, files } = opened;
	if (
		manifest.kind !== 'candidate' ||
		manifest.from.level !== 'province' ||
		record.level !== 'province'
	)
		refuse('bad-request', 'ministry.errors.wrongKind');
	if (decidedOutcome(record) !== 'forwarded-central')
		refuse('bad-request', 'ministry.errors.notCandidate');
	let parsed: PackedDossier;
	try {
		parsed = dossierShape.parse(
			JSON.parse(files.get('dossier/dossier.json')?.toString('utf8') ?? '')
		);
	} catch {
		refuse('bad-request', 'ministry.errors.notPackage');
	}
	const rubric = findRubric(parsed.product.rubricVersion, parsed.product.productSetNo);
	if (!rubric) refuse('bad-request', 'ministry.errors.notPackage');
	const leaves = leafIndex(rubric);
	if (Object.keys(parsed.selfAssessment).some((code) => !leaves.has(code)))
		refuse('bad-request', 'ministry.errors.notPackage');
	const letter = files.get(LETTER);
	const stored = [
		...(letter
			? [
					{
						path: LETTER,
						kind: 'supplement' as const,
						leafCode: null,
						name: 'Công văn đề nghị công nhận 5 sao.pdf'
					}
				]
			: []),
		...parsed.files
	].map((f) => {
		const data = files.get(f.path);
		if (!data) refuse('bad-request', 'ministry.errors.tampered');
		const sniffed = sniff(data);
		if (!sniffed.ok)
			refuse('bad-request', 'ministry.errors.wrongType', { name: f.name.slice(0, 80) });
		const leafCode =
			f.kind === 'evidence' && f.leafCode && leaves.has(f.leafCode) ? f.leafCode : null;
		return {
			...f,
			leafCode,
			data,
			mime: sniffed.mime,
			storedName: randomBytes(16).toString('hex')
		};
	});
	if (
		db.select().from(ministryPackages).where(eq(ministryPackages.id, manifest.id)).get() ||
		packageRow(db, 'in', 'candidate', { originHash: record.hash })
	)
		refuse('bad-request', 'ministry.errors.replayed');

	const dir = resolve(opts.uploadDir);
	mkdirSync(dir, { recursive: true });
	for (const f of stored)
		writeFileSync(join(dir, f.storedName), f.data, { flag: 'wx', mode: 0o600 });
	const orgId = randomUUID();
	const productId = randomUUID();
	const dossierId = randomUUID();
	try {
		db.transaction((tx) => {
			tx.insert(organizations)
				.values({ id: orgId, ...parsed.organization, createdAt: now })
				.run();
			tx.insert(products)
				.values({ id: productId, organizationId: orgId, ...parsed.product, createdAt: now })
				.run();
			tx.insert(dossiers)
				.values({
					id: dossierId,
					productId,
					...parsed.dossier,
					state: 'ready',
					submittedAt: now,
					createdAt: now,
					updatedAt: now
				})
				.run();
			const choices = Object.entries(parsed.selfAssessment);
			if (choices.length)
				tx.insert(selfAssessments)
					.values(choices.map(([leafCode, choice]) => ({ dossierId, leafCode, choice })))
					.run();
			if (parsed.communeReview)
				tx.insert(communeReviews)
					.values({ dossierId, ...parsed.communeReview, updatedAt: now })
					.run();
			if (stored.length)
				tx.insert(dossierFiles)
					.values(
						stored.map((f) => ({
							id: randomUUID(),
							dossierId,
							kind: f.kind,
							leafCode: f.leafCode,
							storedName: f.storedName,
							originalName: sanitizeName(f.name, MAX_NAME_LENGTH),
							mime: f.mime,
							size: f.data.length,
							sha256: createHash('sha256').update(f.data).digest('hex'),
							uploadedBy: by,
							createdAt: now
						}))
					)
					.run();
			// The unique indexes refuse a replay that raced this one past the check above.
			tx.insert(ministryPackages)
				.values({
					id: manifest.id,
					direction: 'in',
					kind: 'candidate',
					manifestSha256: opened.manifestSha256,
					signerKey: manifest.from.key,
					originSeq: record.seq,
					originHash: record.hash,
					dossierId,
					createdBy: by,
					createdAt: now
				})
				.run();
			audit(
				tx,
				{
					actorId: by,
					action: 'ministry.receive',
					subject: dossierId,
					detail: { id: manifest.id, from: manifest.from.authority, seq: record.seq }
				},
				now
			);
		});
	} catch (e) {
		for (const f of stored) rmSync(join(dir, f.storedName), { force: true });
		if (String((e as Error).message).includes('UNIQUE'))
			refuse('bad-request', 'ministry.errors.replayed');
		throw e;
	}
	return { dossierId, productName: parsed.product.name };
}

export interface ReceivedCandidate {
	id: string;
	dossierId: string;
	productName: string;
	from: string;
	at: number;
	/** The central council's locked result for it, once closed. */
	result: { seq: number; stars: number | null; average: string; outcome: string | null } | null;
	answered: boolean;
}

export function receivedCandidates(db: Q): ReceivedCandidate[] {
	const rows = db
		.select()
		.from(ministryPackages)
		.where(
			and(
				eq(ministryPackages.direction, 'in'),
				eq(ministryPackages.kind, 'candidate'),
				isNotNull(ministryPackages.dossierId)
			)
		)
		.all();
	// Only the candidates' own central results are read (not every central result).
	const dossierIds = rows.map((p) => p.dossierId!);
	const central = (
		dossierIds.length ? selectedResults(db, { level: 'central', dossierIds }, false) : []
	)
		.map((r) => getResult(db, r.seq, { published: false })!)
		.filter(Boolean);
	return rows.map((p) => {
		const product = db
			.select({ name: products.name })
			.from(dossiers)
			.innerJoin(products, eq(products.id, dossiers.productId))
			.where(eq(dossiers.id, p.dossierId!))
			.get();
		const found = central.find((c) => c.record.dossierId === p.dossierId);
		return {
			id: p.id,
			dossierId: p.dossierId!,
			productName: product?.name ?? '',
			from: p.signerKey.slice(0, 16),
			at: p.createdAt,
			result: found
				? {
						seq: found.row.seq,
						stars: found.record.result.stars,
						average: vnPoints(found.record.result.average),
						outcome: decidedOutcome(found.record)
					}
				: null,
			answered: found ? !!packageRow(db, 'out', 'central-result', { seq: found.row.seq }) : false
		};
	});
}

/** The signed answer for the province: the central council's locked result for its candidate. */
export function answerPackage(
	db: Q,
	opts: { origin: string },
	seq: number,
	by: string,
	now: number
): { bytes: Buffer; fileName: string } {
	const found = getResult(db, seq, { published: false });
	if (!found || found.record.level !== 'central')
		refuse('bad-request', 'ministry.errors.notFromProvince');
	const candidate = db
		.select()
		.from(ministryPackages)
		.where(
			and(
				eq(ministryPackages.direction, 'in'),
				eq(ministryPackages.kind, 'candidate'),
				eq(ministryPackages.dossierId, found.record.dossierId)
			)
		)
		.get();
	if (!candidate) refuse('bad-request', 'ministry.errors.notFromProvince');
	const outcome = decidedOutcome(found.record);
	if (outcome !== 'recognized' && outcome !== 'returned')
		refuse('bad-request', 'ministry.errors.notFinal');
	const had = packageRow(db, 'out', 'central-result', { seq });
	const id = had?.id ?? randomUUID();
	const createdAt = had?.createdAt ?? now;
	const answer = {
		answers: candidate.id,
		province: { seq: candidate.originSeq, hash: candidate.originHash },
		outcome,
		stars: found.record.result.stars
	};
	const key = loadSigningKey(databaseFileOf(db));
	const built = buildPackage(
		key,
		{
			id,
			kind: 'central-result',
			createdAt,
			answers: candidate.id,
			from: {
				level: 'central',
				origin: opts.origin,
				authority: found.row.authority,
				key: key.fingerprint
			},
			result: { seq, hash: found.record.hash }
		},
		[
			{ name: 'answer.json', data: Buffer.from(JSON.stringify(answer, null, 2) + '\n') },
			{ name: BUNDLE, data: Buffer.from(bundleJson(issueBundle(db, found.record))) }
		]
	);
	if (!had)
		db.transaction((tx) => {
			tx.insert(ministryPackages)
				.values({
					id,
					direction: 'out',
					kind: 'central-result',
					manifestSha256: built.manifestSha256,
					signerKey: key.fingerprint,
					seq,
					originSeq: seq,
					originHash: found.record.hash,
					answersId: candidate.id,
					outcome,
					stars: found.record.result.stars,
					createdBy: by,
					createdAt
				})
				.run();
			audit(
				tx,
				{
					actorId: by,
					action: 'ministry.answer-send',
					subject: `result:${seq}`,
					detail: { id, outcome }
				},
				now
			);
		});
	return { bytes: built.bytes, fileName: `ocop-trung-uong-${seq}-${id.slice(0, 8)}.zip` };
}
