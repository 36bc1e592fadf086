import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { inSession } from '../../domain/meeting';
import { listLeaves } from '../../domain/rubric';
import { selfAssessedFigure } from '../../domain/self-assessment';
import { getRubric } from '../../domain/rubrics';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, dossiers, lockedResults, resultPublications, sittings } from '../db/schema';
import { listFiles } from '../uploads/store';
import { canReadDossier } from './access';
import { loadDossier } from './load';
import { getChoices } from './self-assessment';
import { getCommuneReview, listRequests } from './review';
import { renewalsOfDossiers } from '../certificates/standing';
import { refuse } from '../refusal';

/** The sitting and slot of a dossier, once its agenda is published. */
export function publishedSlot(db: Q, dossierId: string) {
	return db
		.select({
			sittingId: sittings.id,
			sittingState: sittings.state,
			itemId: agendaItems.id,
			itemState: agendaItems.state,
			title: sittings.title,
			startsAt: sittings.startsAt,
			position: agendaItems.position,
			slotMinutes: agendaItems.slotMinutes
		})
		.from(agendaItems)
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.where(and(eq(agendaItems.dossierId, dossierId), isNotNull(sittings.agendaPublishedAt)))
		.orderBy(desc(sittings.startsAt))
		.get();
}

/** The council's latest result for a dossier, once the office has published it. */
export function publishedResultOf(db: Q, dossierId: string) {
	return (
		db
			.select({ seq: lockedResults.seq, stars: lockedResults.stars })
			.from(lockedResults)
			.innerJoin(resultPublications, eq(resultPublications.seq, lockedResults.seq))
			.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
			.where(eq(agendaItems.dossierId, dossierId))
			.orderBy(desc(lockedResults.seq))
			.get() ?? null
	);
}

/**
 * Where the producer goes next for a dossier: the sitting's lobby while their item is still to
 * come or under way, the published result once the council has closed it.
 */
export function producerNextStep(db: Q, dossierId: string) {
	const slot = publishedSlot(db, dossierId) ?? null;
	const result = publishedResultOf(db, dossierId);
	const sittingOn = inSession(slot?.sittingState);
	const itemToCome = slot?.itemState !== 'closed' && slot?.itemState !== 'deferred';
	return { slot, result, lobby: Boolean(slot) && sittingOn && itemToCome };
}

/** Everything a reader of the dossier sees; refuses (as not found) whoever may not read it. */
export function dossierView(db: Db, user: SessionUser, id: string) {
	if (!canReadDossier(db, user, id)) refuse('not-found', 'dossier.errors.notFound');
	const { dossier, product, organization } = loadDossier(db, id);
	const rubric = getRubric(product.rubricVersion, product.productSetNo);
	const choices = getChoices(db, id);
	const versions = db
		.select({ id: dossiers.id, version: dossiers.version, state: dossiers.state })
		.from(dossiers)
		.where(eq(dossiers.productId, product.id))
		.orderBy(asc(dossiers.version))
		.all();
	return {
		dossier,
		product,
		organization,
		rubric,
		leaves: listLeaves(rubric).map((e) => ({ part: e.part, code: e.leaf.code })),
		choices,
		figure: selfAssessedFigure(rubric, choices),
		files: listFiles(db, id),
		review: getCommuneReview(db, id) ?? null,
		requests: listRequests(db, id),
		slot: publishedSlot(db, id) ?? null,
		versions,
		renews: renewalsOfDossiers(db, [id]).get(id) ?? null
	};
}
