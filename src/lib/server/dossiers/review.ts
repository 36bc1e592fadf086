import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import {
	DEFAULT_READY_REQUIREMENTS,
	missingForReady,
	type ReadyRequirements
} from '../../domain/dossier-requirements';
import type { DossierState } from '../../domain/dossier-state';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import {
	communeReviews,
	documentRequests,
	dossierFiles,
	dossiers,
	organizations,
	products
} from '../db/schema';
import type { Paging } from '../paging';
import { canReadDossier } from './access';
import { moveState } from './lifecycle';
import { loadDossier } from './load';
import { textMatches } from '../db/search';
import { notify } from '../notifications';
import { producerAccounts } from '../notifications/recipients';
import { refuse } from '../refusal';

export interface ListFilter extends Paging {
	state: DossierState | null;
}

/** A page of dossiers with their product and organisation, searchable by either name. */
export function listDossiers(db: Q, filter: ListFilter, scope: SQL | undefined) {
	const where = and(
		scope,
		filter.state ? eq(dossiers.state, filter.state) : undefined,
		filter.q ? textMatches(filter.q, products.name, organizations.name) : undefined
	);
	const base = db
		.select({
			id: dossiers.id,
			version: dossiers.version,
			state: dossiers.state,
			commune: dossiers.commune,
			product: products.name,
			setNo: products.productSetNo,
			organization: organizations.name,
			submittedAt: dossiers.submittedAt,
			updatedAt: dossiers.updatedAt
		})
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId));
	const rows = base
		.where(where)
		.orderBy(desc(dossiers.updatedAt))
		.limit(filter.limit)
		.offset(filter.offset)
		.all();
	const total = db
		.select({ n: count() })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(where)
		.get()!.n;
	return { rows, total };
}

/** The commune sees its own submitted dossiers, never drafts. */
export function communeScope(user: SessionUser): SQL | undefined {
	return and(
		eq(dossiers.commune, user.communeCode ?? '\u0000'),
		inArray(dossiers.state, [
			'submitted',
			'returned',
			'forwarded',
			'info-requested',
			'ready',
			'scheduled',
			'evaluated'
		])
	);
}

export const OFFICE_STATES: DossierState[] = [
	'forwarded',
	'info-requested',
	'ready',
	'scheduled',
	'evaluated'
];
export function officeScope(): SQL {
	return inArray(dossiers.state, OFFICE_STATES);
}

export type CommuneReviewInput = {
	rawMaterial: string;
	labour: string;
	ideaOrigin: string;
	identity: string;
	proposal: string;
};

function communeDossier(db: Q, user: SessionUser, dossierId: string) {
	const row = loadDossier(db, dossierId);
	if (
		user.role !== 'commune' ||
		!user.communeCode ||
		row.dossier.commune !== user.communeCode ||
		row.dossier.state === 'draft'
	)
		refuse('not-found', 'dossier.errors.notFound');
	return row;
}

export function getCommuneReview(db: Q, dossierId: string) {
	return db.select().from(communeReviews).where(eq(communeReviews.dossierId, dossierId)).get();
}

/** Mẫu 03, then forward to the province or return to the producer with a reason. */
export function decideCommune(
	db: Db,
	user: SessionUser,
	dossierId: string,
	review: CommuneReviewInput,
	decision: 'forward' | 'return',
	reason: string,
	now: number
) {
	const { product } = communeDossier(db, user, dossierId);
	if (decision === 'return' && !reason) refuse('bad-request', 'dossier.errors.reasonRequired');
	db.transaction((tx) => {
		moveState(
			tx,
			user,
			dossierId,
			decision,
			'commune',
			now,
			decision === 'return' ? { returnReason: reason } : {}
		);
		const values = { ...review, decision, reviewerId: user.id, updatedAt: now };
		tx.insert(communeReviews)
			.values({ dossierId, ...values })
			.onConflictDoUpdate({ target: communeReviews.dossierId, set: values })
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'dossier.commune-review',
				subject: dossierId,
				detail: { decision }
			},
			now
		);
		if (decision === 'return')
			notify(
				tx,
				producerAccounts(tx, [product.organizationId]),
				'dossier-returned',
				{ dossierId, product: product.name, reason },
				`/producer/dossiers/${dossierId}`,
				now
			);
	});
}

/**
 * The dossier an office action names. Whoever may not read it (anyone but the office, or the
 * office for a producer's draft) gets the answer for a missing one (not-found.ts), before its
 * files or state are read: a refusal must not tell that the dossier exists, nor in which state.
 */
function officeDossier(db: Q, user: SessionUser, dossierId: string) {
	if ((user.role !== 'office' && user.role !== 'admin') || !canReadDossier(db, user, dossierId))
		refuse('not-found', 'dossier.errors.notFound');
	return loadDossier(db, dossierId);
}

export function requestDocuments(
	db: Db,
	user: SessionUser,
	dossierId: string,
	message: string,
	now: number
) {
	const { product } = officeDossier(db, user, dossierId);
	if (!message) refuse('bad-request', 'dossier.errors.messageRequired');
	db.transaction((tx) => {
		moveState(tx, user, dossierId, 'request-documents', 'office', now);
		tx.insert(documentRequests)
			.values({ id: randomUUID(), dossierId, message, requestedBy: user.id, createdAt: now })
			.run();
		notify(
			tx,
			producerAccounts(tx, [product.organizationId]),
			'documents-requested',
			{ dossierId, product: product.name, message },
			`/producer/dossiers/${dossierId}`,
			now
		);
	});
}

/** The producer says the requested documents are attached; the dossier returns to the office. */
export function answerRequest(db: Db, user: SessionUser, dossierId: string, now: number) {
	const { product } = loadDossier(db, dossierId);
	if (user.role !== 'producer' || product.organizationId !== user.organizationId)
		refuse('not-found', 'dossier.errors.notFound');
	db.transaction((tx) => {
		moveState(tx, user, dossierId, 'answer-request', 'producer', now);
		tx.update(documentRequests)
			.set({ answeredAt: now })
			.where(and(eq(documentRequests.dossierId, dossierId), isNull(documentRequests.answeredAt)))
			.run();
	});
}

/**
 * The council sees a dossier only after the advisory team's report and, for what is sampled, the
 * lab results: the province's setting (config.readyRequirements) says which, per sector.
 */
export function markReady(
	db: Db,
	user: SessionUser,
	dossierId: string,
	now: number,
	required: ReadyRequirements = DEFAULT_READY_REQUIREMENTS
) {
	const { product } = officeDossier(db, user, dossierId);
	const present = new Set(
		db
			.select({ kind: dossierFiles.kind })
			.from(dossierFiles)
			.where(eq(dossierFiles.dossierId, dossierId))
			.all()
			.map((f) => f.kind)
	);
	const missing = missingForReady(product.productSetNo, present, required);
	if (missing.length)
		refuse('bad-request', 'dossier.errors.missingForReady', {
			missing: missing.map((k) => `dossier.fileKinds.${k}`)
		});
	moveState(db, user, dossierId, 'mark-ready', 'office', now);
}

export function listRequests(db: Q, dossierId: string) {
	return db
		.select()
		.from(documentRequests)
		.where(eq(documentRequests.dossierId, dossierId))
		.orderBy(documentRequests.createdAt)
		.all();
}
