// A dossier's states: submitting, a new version after a return, and every other move.
import { randomUUID } from 'node:crypto';
import { and, count, eq, max } from 'drizzle-orm';
import {
	canStartNewVersion,
	canTransition,
	targetState,
	type DossierState
} from '../../domain/dossier-state';
import { missingForSubmit } from '../../domain/dossier-requirements';
import { getRubric } from '../../domain/rubrics';
import { leafIndex } from '../../domain/rubric';
import { rubricHasCases } from '../../domain/service-case';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { dossierFiles, dossiers, selfAssessments } from '../db/schema';
import { checkRenewalFiling, refuseWhileInForce } from '../certificates/renewal';
import { canReadDossier } from './access';
import { loadDossier, ownDraft } from './load';
import { getOrganization } from './organization';
import { getChoices, refuseOutsideCase } from './self-assessment';
import { refuse } from '../refusal';

/** Freezes the draft and sends it to the commune. Every criterion must be self-assessed. */
export function submitDossier(db: Db, user: SessionUser, dossierId: string, now: number) {
	const { product, dossier } = ownDraft(db, user, dossierId);
	// A re-evaluation is filed on the day it is submitted: its window is checked first.
	checkRenewalFiling(db, dossierId, now);
	// A version started before the product's certificate was issued is filed today too.
	refuseWhileInForce(db, product.id, product.organizationId, now);
	if (!dossier.commune) refuse('bad-request', 'dossier.errors.noCommune');
	const rubric = getRubric(product.rubricVersion, product.productSetNo);
	const leaves = leafIndex(rubric);
	const choices = getChoices(db, dossierId);
	if (rubricHasCases(rubric) && !dossier.serviceCase)
		refuse('bad-request', 'dossier.errors.noCase');
	refuseOutsideCase(rubric, choices, dossier.serviceCase);
	const missing = [...leaves.keys()].filter((code) => !(code in choices));
	if (missing.length) refuse('bad-request', 'dossier.errors.incomplete', { count: missing.length });
	const org = getOrganization(db, product.organizationId);
	const evidence = db
		.select({ n: count() })
		.from(dossierFiles)
		.where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.kind, 'evidence')))
		.get()!.n;
	const gaps = missingForSubmit({
		registrationNo: org?.registrationNo ?? null,
		evidenceFiles: evidence
	});
	if (gaps.length)
		refuse('bad-request', 'dossier.errors.missingForSubmit', {
			missing: gaps.map((g) => `dossier.gaps.${g}`)
		});
	moveState(db, user, dossierId, 'submit', 'producer', now, { submittedAt: now });
}

/** A frozen version stays as it was; the next one starts as a copy, in draft. */
export function startNewVersion(db: Db, user: SessionUser, dossierId: string, now: number) {
	const { dossier, product } = loadDossier(db, dossierId);
	if (user.role !== 'producer' || product.organizationId !== user.organizationId)
		refuse('not-found', 'dossier.errors.notFound');
	if (!canStartNewVersion(dossier.state)) refuse('bad-request', 'dossier.errors.cannotVersion');
	// An evaluated product with a certificate in force is not evaluated again at will (rule 10).
	refuseWhileInForce(db, product.id, product.organizationId, now);
	const latest = db
		.select({ v: max(dossiers.version) })
		.from(dossiers)
		.where(eq(dossiers.productId, product.id))
		.get();
	if ((latest?.v ?? 0) > dossier.version) refuse('bad-request', 'dossier.errors.cannotVersion');
	return db.transaction((tx) => {
		const id = randomUUID();
		tx.insert(dossiers)
			.values({
				...dossier,
				id,
				version: dossier.version + 1,
				state: 'draft',
				submittedAt: null,
				returnReason: null,
				createdBy: user.id,
				createdAt: now,
				updatedAt: now
			})
			.run();
		for (const row of tx
			.select()
			.from(selfAssessments)
			.where(eq(selfAssessments.dossierId, dossierId))
			.all())
			tx.insert(selfAssessments)
				.values({ ...row, dossierId: id })
				.run();
		// Evidence is carried over by reference: the stored bytes are immutable and shared.
		for (const f of tx
			.select()
			.from(dossierFiles)
			.where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.kind, 'evidence')))
			.all())
			tx.insert(dossierFiles)
				.values({ ...f, id: randomUUID(), dossierId: id })
				.run();
		audit(
			tx,
			{ actorId: user.id, action: 'dossier.new-version', subject: id, detail: { from: dossierId } },
			now
		);
		return id;
	});
}

export function moveState(
	db: Q,
	user: SessionUser,
	dossierId: string,
	action: Parameters<typeof canTransition>[0],
	actor: Parameters<typeof canTransition>[1],
	now: number,
	extra: Partial<typeof dossiers.$inferInsert> = {}
) {
	const current = db
		.select({ state: dossiers.state })
		.from(dossiers)
		.where(eq(dossiers.id, dossierId))
		.get();
	// Whoever may not read the dossier (the office, for a producer's draft) is answered as for a
	// missing one (not-found.ts), before its state is told by a refused move.
	if (!current || !canReadDossier(db, user, dossierId))
		refuse('not-found', 'dossier.errors.notFound');
	if (!canTransition(action, actor, current.state as DossierState))
		refuse('bad-request', 'dossier.errors.badState', { state: current.state });
	db.update(dossiers)
		.set({ ...extra, state: targetState(action), updatedAt: now })
		.where(eq(dossiers.id, dossierId))
		.run();
	audit(
		db,
		{
			actorId: user.id,
			action: `dossier.${action}`,
			subject: dossierId,
			detail: { from: current.state }
		},
		now
	);
}
