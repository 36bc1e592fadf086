// The producer's self-assessment of their dossier against the rubric (and the set-26 case).
import { eq } from 'drizzle-orm';
import { getRubric } from '../../domain/rubrics';
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
import { dossiers, selfAssessments } from '../db/schema';
import { ownDraft } from './load';
import { refuse } from '../refusal';

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
export function refuseOutsideCase(
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
