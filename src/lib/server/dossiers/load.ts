// Reading one dossier with its product and organisation, and the producer's own draft.
import { eq } from 'drizzle-orm';
import { isEditable } from '../../domain/dossier-state';
import type { SessionUser } from '../auth/session';
import type { Q } from '../db/client';
import { dossiers, organizations, products } from '../db/schema';
import { refuse } from '../refusal';

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
export function ownDraft(db: Q, user: SessionUser, id: string) {
	const row = loadDossier(db, id);
	if (user.role !== 'producer' || row.product.organizationId !== user.organizationId)
		refuse('not-found', 'dossier.errors.notFound');
	if (!isEditable(row.dossier.state)) refuse('bad-request', 'dossier.errors.frozen');
	return row;
}
