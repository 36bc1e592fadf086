// The filed forms (Mẫu 01, 02, 03) of a dossier on demand, and who may read them: the producer
// that owns the dossier, the office once it is submitted, and the council members (voting, or
// the secretary) of a sitting whose published agenda holds it. Nobody else, the commune officer
// included: the commune's own review is read on the dossier page.

import { eq } from 'drizzle-orm';
import type { AccountRole } from '../../domain/accounts';
import { scoreCard } from '../../domain/card-score';
import { getRubric } from '../../domain/rubrics';
import { selfAssessedFigure } from '../../domain/self-assessment';
import type { Q } from '../db/client';
import { memberReads } from '../dossiers/access';
import { getChoices } from '../dossiers/self-assessment';
import { getCommuneReview } from '../dossiers/review';
import { dossiers, organizations, products, users } from '../db/schema';
import type { FiledDossier } from './filed-forms';
import { cachedRender } from './pdf-cache';
import type { PdfRenderer } from './render-pool';
import { templateFor } from './templates';

export const FILED_FORMS = ['01', '02', '03'] as const;
export type FiledForm = (typeof FILED_FORMS)[number];

type Reader = { id: string; role: AccountRole; organizationId?: string | null } | null;

export function mayReadFiledForms(db: Q, user: Reader, dossierId: string): boolean {
	if (!user) return false;
	const row = db
		.select({ state: dossiers.state, org: products.organizationId })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(dossiers.id, dossierId))
		.get();
	if (!row) return false;
	switch (user.role) {
		case 'producer':
			return !!user.organizationId && user.organizationId === row.org;
		case 'office':
		case 'admin':
			return row.state !== 'draft';
		case 'member':
			return memberReads(db, user.id, dossierId);
		default:
			return false;
	}
}

function filedDossier(db: Q, dossierId: string): FiledDossier | null {
	const row = db
		.select({ dossier: dossiers, product: products, organization: organizations })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(dossiers.id, dossierId))
		.get();
	if (!row) return null;
	const { dossier, product, organization: o } = row;
	// Dated in the producer's province; its template (when the office has set one) names it.
	const place = (o.province ?? '').replace(/^(thành phố|tỉnh)\s+/i, '').trim();
	const provinceName = place ? templateFor(db, { place, authority: place }).provinceName : '';
	return {
		place: place || '……',
		at: dossier.submittedAt ?? dossier.updatedAt,
		version: dossier.version,
		submitted: dossier.submittedAt !== null,
		organization: {
			name: o.name,
			kind: o.kind,
			registrationNo: o.registrationNo,
			representative: o.representative,
			gender: o.representativeGender,
			ethnicity: o.representativeEthnicity,
			address: o.address,
			commune: o.commune
		},
		product: {
			name: product.name,
			setNo: product.productSetNo,
			setName: getRubric(product.rubricVersion, product.productSetNo).name,
			rubricVersion: product.rubricVersion
		},
		registrationKind: dossier.registrationKind,
		sampleCount: dossier.sampleCount,
		commune: dossier.commune ?? o.commune,
		provinceName
	};
}

/** The form as a PDF, or null when the dossier (or, for Mẫu 03, the commune's review) is absent. */
export async function filedFormDocument(
	renderer: PdfRenderer,
	db: Q,
	dossierId: string,
	form: FiledForm
): Promise<Buffer | null> {
	const d = filedDossier(db, dossierId);
	if (!d) return null;
	if (form === '01') return cachedRender(renderer, { kind: 'form-01', dossier: d });
	if (form === '02') {
		const rubric = getRubric(d.product.rubricVersion, d.product.setNo);
		const choices = getChoices(db, dossierId);
		const card = scoreCard(rubric, choices);
		const figure = selfAssessedFigure(rubric, choices);
		const self = {
			choices,
			score: { parts: card.parts, total: card.total },
			answered: figure.answered,
			count: figure.count,
			stars: figure.stars
		};
		return cachedRender(renderer, { kind: 'form-02', dossier: d, self });
	}
	const r = getCommuneReview(db, dossierId);
	if (!r) return null;
	const reviewer = r.reviewerId
		? (db.select({ name: users.name }).from(users).where(eq(users.id, r.reviewerId)).get()?.name ??
			null)
		: null;
	const review = {
		rawMaterial: r.rawMaterial,
		labour: r.labour,
		ideaOrigin: r.ideaOrigin,
		identity: r.identity,
		proposal: r.proposal,
		decision: r.decision,
		reviewer,
		at: r.updatedAt
	};
	return cachedRender(renderer, { kind: 'form-03', dossier: d, review });
}
