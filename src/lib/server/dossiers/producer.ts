import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, max } from 'drizzle-orm';
import {
	canStartNewVersion,
	canTransition,
	isEditable,
	targetState,
	type DossierState
} from '../../domain/dossier-state';
import { missingForSubmit, takesSamples } from '../../domain/dossier-requirements';
import { getRubric, findRubric, CURRENT_RUBRIC_VERSION } from '../../domain/rubrics';
import { isValidChoice, leafIndex } from '../../domain/rubric';
import {
	caseNumber,
	isServiceCase,
	outsideCase,
	rubricHasCases,
	type ServiceCase
} from '../../domain/service-case';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import {
	ORGANIZATION_KINDS,
	REGISTRATION_KINDS,
	dossierFiles,
	dossiers,
	organizations,
	products,
	selfAssessments,
	users
} from '../db/schema';
import { checkRenewalFiling } from '../certificates/renewal';
import type { ListFilter } from './review';
import { textMatches } from '../db/search';
import { refuse } from '../refusal';

export type OrganizationInput = {
	name: string;
	kind: (typeof ORGANIZATION_KINDS)[number];
	registrationNo: string;
	representative: string;
	representativeGender: 'female' | 'male' | 'other' | null;
	representativeEthnicity: string;
	address: string;
	province: string;
	commune: string;
};

export function getOrganization(db: Q, id: string | null) {
	if (!id) return undefined;
	return db.select().from(organizations).where(eq(organizations.id, id)).get();
}

/** Creates the producer's organisation on first save and links the account to it. */
export function saveOrganization(db: Db, user: SessionUser, input: OrganizationInput, now: number) {
	return db.transaction((tx) => {
		const existing = getOrganization(tx, user.organizationId);
		if (existing) {
			tx.update(organizations).set(input).where(eq(organizations.id, existing.id)).run();
			audit(tx, { actorId: user.id, action: 'organization.update', subject: existing.id }, now);
			return existing.id;
		}
		const id = randomUUID();
		tx.insert(organizations)
			.values({ id, ...input, createdAt: now })
			.run();
		tx.update(users).set({ organizationId: id }).where(eq(users.id, user.id)).run();
		audit(tx, { actorId: user.id, action: 'organization.create', subject: id }, now);
		return id;
	});
}

export type ProductInput = {
	name: string;
	setNo: number;
	kind: (typeof REGISTRATION_KINDS)[number];
	sampleCount: number;
};

/** Mẫu 01: the product and the first version of its dossier, a draft in the org's commune. */
export function registerProduct(
	db: Db,
	user: SessionUser,
	input: ProductInput,
	now: number,
	// Runs inside the registration's transaction (a re-evaluation links its certificate there).
	alsoInTransaction?: (tx: Q, dossierId: string) => void
) {
	const org = getOrganization(db, user.organizationId);
	if (!org) refuse('bad-request', 'dossier.errors.noOrganization');
	if (!findRubric(CURRENT_RUBRIC_VERSION, input.setNo))
		refuse('bad-request', 'dossier.errors.badSet');
	return db.transaction((tx) => {
		const productId = randomUUID();
		const dossierId = randomUUID();
		tx.insert(products)
			.values({
				id: productId,
				organizationId: org.id,
				name: input.name,
				rubricVersion: CURRENT_RUBRIC_VERSION,
				productSetNo: input.setNo,
				createdAt: now
			})
			.run();
		tx.insert(dossiers)
			.values({
				id: dossierId,
				productId,
				registrationKind: input.kind,
				sampleCount: takesSamples(input.setNo) ? input.sampleCount : 0,
				commune: org.commune,
				createdBy: user.id,
				createdAt: now,
				updatedAt: now
			})
			.run();
		alsoInTransaction?.(tx, dossierId);
		audit(
			tx,
			{ actorId: user.id, action: 'product.register', subject: dossierId, detail: input },
			now
		);
		return dossierId;
	});
}

export function loadDossier(db: Q, id: string) {
	const row = db
		.select({ dossier: dossiers, product: products, organization: organizations })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(dossiers.id, id))
		.get();
	if (!row) refuse('not-found', 'dossier.errors.notFound');
	return row;
}

/** The producer's own editable dossier, or a refusal. */
function ownDraft(db: Q, user: SessionUser, id: string) {
	const row = loadDossier(db, id);
	if (user.role !== 'producer' || row.product.organizationId !== user.organizationId)
		refuse('not-found', 'dossier.errors.notFound');
	if (!isEditable(row.dossier.state)) refuse('bad-request', 'dossier.errors.frozen');
	return row;
}

export function getChoices(db: Q, dossierId: string): Record<string, number> {
	const rows = db
		.select()
		.from(selfAssessments)
		.where(eq(selfAssessments.dossierId, dossierId))
		.all();
	return Object.fromEntries(rows.map((r) => [r.leafCode, r.choice]));
}

/**
 * The set-26 case as posted: undefined leaves the stored one, '' clears it; anything else, or a
 * case on a scorecard that has none, is refused.
 */
function postedCase(
	rubric: ReturnType<typeof getRubric>,
	posted: string | undefined,
	stored: ServiceCase | null
): ServiceCase | null {
	if (posted === undefined) return stored;
	if (posted === '') return null;
	if (!rubricHasCases(rubric) || !isServiceCase(posted))
		refuse('bad-request', 'dossier.errors.badCase');
	return posted;
}

/** Answers in the other case than the dossier's, refused with the criteria named. */
function refuseOutsideCase(
	rubric: ReturnType<typeof getRubric>,
	choices: Record<string, number>,
	serviceCase: ServiceCase | null
) {
	const wrong = outsideCase(rubric, choices, serviceCase);
	if (wrong.length && serviceCase)
		refuse('bad-request', 'dossier.errors.outsideCase', {
			codes: wrong.join(', '),
			n: caseNumber(serviceCase)
		});
}

/**
 * Mẫu 02 part III: stores the claimed options (and, for set 26, the case the product is);
 * unknown codes, bad indices and options of the other case are refused.
 */
export function saveSelfAssessment(
	db: Db,
	user: SessionUser,
	dossierId: string,
	choices: Record<string, number>,
	now: number,
	serviceCase?: string
) {
	const { product, dossier } = ownDraft(db, user, dossierId);
	const rubric = getRubric(product.rubricVersion, product.productSetNo);
	const leaves = leafIndex(rubric);
	for (const [code, choice] of Object.entries(choices)) {
		const entry = leaves.get(code);
		if (!entry || !isValidChoice(entry.leaf, choice))
			refuse('bad-request', 'dossier.errors.badChoice', { code });
	}
	const chosenCase = postedCase(rubric, serviceCase, dossier.serviceCase);
	refuseOutsideCase(rubric, choices, chosenCase);
	db.transaction((tx) => {
		tx.update(dossiers).set({ serviceCase: chosenCase }).where(eq(dossiers.id, dossierId)).run();
		tx.delete(selfAssessments).where(eq(selfAssessments.dossierId, dossierId)).run();
		for (const [leafCode, choice] of Object.entries(choices))
			tx.insert(selfAssessments).values({ dossierId, leafCode, choice }).run();
		tx.update(dossiers).set({ updatedAt: now }).where(eq(dossiers.id, dossierId)).run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'dossier.self-assess',
				subject: dossierId,
				detail: { answered: Object.keys(choices).length }
			},
			now
		);
	});
}

/** Freezes the draft and sends it to the commune. Every criterion must be self-assessed. */
export function submitDossier(db: Db, user: SessionUser, dossierId: string, now: number) {
	const { product, dossier } = ownDraft(db, user, dossierId);
	// A re-evaluation is filed on the day it is submitted: its window is checked first.
	checkRenewalFiling(db, dossierId, now);
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
	if (!current) refuse('not-found', 'dossier.errors.notFound');
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

/** The organisation's dossiers, newest version first per product. */
/** The organisation's own dossiers, searchable by product name and filterable by state. */
export function listOwnDossiers(db: Q, orgId: string, filter: ListFilter) {
	const where = and(
		eq(products.organizationId, orgId),
		filter.state ? eq(dossiers.state, filter.state) : undefined,
		filter.q ? textMatches(filter.q, products.name) : undefined
	);
	const rows = db
		.select({
			id: dossiers.id,
			version: dossiers.version,
			state: dossiers.state,
			product: products.name,
			setNo: products.productSetNo,
			productId: products.id,
			returnReason: dossiers.returnReason,
			updatedAt: dossiers.updatedAt
		})
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(where)
		.orderBy(products.name, desc(dossiers.version))
		.limit(filter.limit)
		.offset(filter.offset)
		.all();
	const total = db
		.select({ n: count() })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(where)
		.get()!.n;
	return { rows, total };
}
