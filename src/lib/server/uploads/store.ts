import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq, sum } from 'drizzle-orm';
import { acceptsSupplement, isEditable, type DossierState } from '../../domain/dossier-state';
import { leafIndex } from '../../domain/rubric';
import { getRubric } from '../../domain/rubrics';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { dossierFiles, type FileKind } from '../db/schema';
import { canReadDossier } from '../dossiers/access';
import { loadDossier } from '../dossiers/load';
import { MAX_DOSSIER_BYTES, MAX_FILE_BYTES, MAX_NAME_LENGTH, megabytes } from './limits';
import { isTraversalName, PDF_DECODE_BUDGET, sanitizeName, sniff } from './sniff';
import { refuse } from '../refusal';

export interface UploadInput {
	dossierId: string;
	kind: FileKind;
	leafCode: string | null;
	name: string;
	bytes: Uint8Array;
}

/** Which kinds each account may add, and in which dossier states. */
function mayUpload(user: SessionUser, kind: FileKind, state: DossierState): boolean {
	if (user.role === 'producer')
		return (
			(kind === 'evidence' && isEditable(state)) ||
			(kind === 'supplement' && acceptsSupplement(state))
		);
	if (user.role === 'office' || user.role === 'admin')
		return (
			(kind === 'advisory-report' || kind === 'lab-result') &&
			['forwarded', 'info-requested', 'ready', 'scheduled'].includes(state)
		);
	return false;
}

/**
 * Checks and stores one file. The bytes decide the type; the client name is refused when it
 * tries to climb folders and is otherwise kept only as sanitized metadata; the file on disk
 * gets a random name under the upload folder.
 */
export function storeUpload(
	db: Db,
	uploadDir: string,
	user: SessionUser,
	input: UploadInput,
	now: number
) {
	const { dossier, product } = loadDossier(db, input.dossierId);
	// Whoever may not read the dossier gets the answer for a missing one (not-found.ts);
	// a reader already knows it exists, so a refused kind or state is a plain 403 for them.
	if (!canReadDossier(db, user, dossier.id)) refuse('not-found', 'dossier.errors.notFound');
	if (!mayUpload(user, input.kind, dossier.state)) refuse('forbidden', 'dossier.upload.notAllowed');
	if (input.kind === 'evidence') {
		const leaves = leafIndex(getRubric(product.rubricVersion, product.productSetNo));
		if (!input.leafCode || !leaves.has(input.leafCode))
			refuse('bad-request', 'dossier.upload.badCriterion');
	}
	if (isTraversalName(input.name)) refuse('bad-request', 'dossier.upload.badName');
	if (input.bytes.length > MAX_FILE_BYTES)
		refuse('bad-request', 'dossier.upload.tooLarge', { limit: megabytes(MAX_FILE_BYTES) });
	const sniffed = sniff(input.bytes);
	if (!sniffed.ok)
		refuse('bad-request', `dossier.upload.${sniffed.problem}`, {
			limit: megabytes(PDF_DECODE_BUDGET)
		});
	const used = Number(
		db
			.select({ n: sum(dossierFiles.size) })
			.from(dossierFiles)
			.where(eq(dossierFiles.dossierId, dossier.id))
			.get()?.n ?? 0
	);
	if (used + input.bytes.length > MAX_DOSSIER_BYTES)
		refuse('bad-request', 'dossier.upload.dossierFull', { limit: megabytes(MAX_DOSSIER_BYTES) });

	const storedName = randomBytes(16).toString('hex');
	mkdirSync(resolve(uploadDir), { recursive: true });
	writeFileSync(join(resolve(uploadDir), storedName), input.bytes, { flag: 'wx', mode: 0o600 });
	const id = randomUUID();
	const originalName = sanitizeName(input.name, MAX_NAME_LENGTH);
	db.transaction((tx) => {
		tx.insert(dossierFiles)
			.values({
				id,
				dossierId: dossier.id,
				kind: input.kind,
				leafCode: input.kind === 'evidence' ? input.leafCode : null,
				storedName,
				originalName,
				mime: sniffed.mime,
				size: input.bytes.length,
				sha256: createHash('sha256').update(input.bytes).digest('hex'),
				uploadedBy: user.id,
				createdAt: now
			})
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'file.upload',
				subject: dossier.id,
				detail: {
					id,
					kind: input.kind,
					leafCode: input.leafCode,
					name: originalName,
					size: input.bytes.length
				}
			},
			now
		);
	});
	return { id, name: originalName, mime: sniffed.mime, size: input.bytes.length };
}

/** A producer removes an evidence file from its draft (the bytes stay: a copy may share them). */
/**
 * Removes a file from a draft. The stored bytes go too once no row names them (an earlier
 * version of the dossier shares its evidence by reference): the dossier's limit counts rows,
 * and bytes left on disk let upload-and-remove fill the disk 10 MB at a time.
 */
export function removeUpload(
	db: Db,
	uploadDir: string,
	user: SessionUser,
	fileId: string,
	now: number
) {
	const file = db.select().from(dossierFiles).where(eq(dossierFiles.id, fileId)).get();
	if (!file) refuse('not-found', 'dossier.errors.notFound');
	const { dossier, product } = loadDossier(db, file.dossierId);
	if (user.role !== 'producer' || product.organizationId !== user.organizationId)
		refuse('not-found', 'dossier.errors.notFound');
	if (!isEditable(dossier.state) || file.kind !== 'evidence')
		refuse('bad-request', 'dossier.errors.frozen');
	const orphaned = db.transaction((tx) => {
		tx.delete(dossierFiles).where(eq(dossierFiles.id, fileId)).run();
		audit(
			tx,
			{ actorId: user.id, action: 'file.remove', subject: dossier.id, detail: { id: fileId } },
			now
		);
		return !tx
			.select({ id: dossierFiles.id })
			.from(dossierFiles)
			.where(eq(dossierFiles.storedName, file.storedName))
			.get();
	});
	if (orphaned && /^[0-9a-f]{32}$/.test(file.storedName))
		rmSync(join(resolve(uploadDir), file.storedName), { force: true });
}

export function getFile(db: Db, id: string) {
	return db.select().from(dossierFiles).where(eq(dossierFiles.id, id)).get();
}

export function readStored(uploadDir: string, storedName: string): Buffer {
	if (!/^[0-9a-f]{32}$/.test(storedName)) throw new Error('bad stored name');
	return readFileSync(join(resolve(uploadDir), storedName));
}

export function listFiles(db: Db, dossierId: string) {
	return db
		.select({
			id: dossierFiles.id,
			kind: dossierFiles.kind,
			leafCode: dossierFiles.leafCode,
			name: dossierFiles.originalName,
			mime: dossierFiles.mime,
			size: dossierFiles.size,
			createdAt: dossierFiles.createdAt
		})
		.from(dossierFiles)
		.where(eq(dossierFiles.dossierId, dossierId))
		.orderBy(dossierFiles.createdAt)
		.all();
}
