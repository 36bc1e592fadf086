import { and, eq, isNotNull } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Q } from '../db/client';
import { agendaItems, councilMembers, dossiers, products, sittings } from '../db/schema';

/**
 * Who may read a dossier: office staff and administrators; the producer organisation that owns
 * it; the officer of its commune once it is submitted; and the council members (voting, or the
 * secretary) of a sitting whose agenda with this dossier has been published.
 */
export function canReadDossier(db: Q, user: SessionUser, dossierId: string): boolean {
	const row = db
		.select({ state: dossiers.state, commune: dossiers.commune, org: products.organizationId })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(dossiers.id, dossierId))
		.get();
	if (!row) return false;
	switch (user.role) {
		case 'admin':
		case 'office':
			return row.state !== 'draft';
		case 'producer':
			return !!user.organizationId && user.organizationId === row.org;
		case 'commune':
			return !!user.communeCode && row.commune === user.communeCode && row.state !== 'draft';
		case 'member':
			return memberReads(db, user.id, dossierId);
	}
}

export function memberReads(db: Q, userId: string, dossierId: string): boolean {
	const rows = db
		.select({ voting: councilMembers.voting, role: councilMembers.role })
		.from(agendaItems)
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.innerJoin(
			councilMembers,
			and(eq(councilMembers.councilId, sittings.councilId), eq(councilMembers.userId, userId))
		)
		.where(and(eq(agendaItems.dossierId, dossierId), isNotNull(sittings.agendaPublishedAt)))
		.all();
	return rows.some((r) => r.voting || r.role === 'secretary');
}

/** The producer's own dossier, or null. */
export function ownsDossier(db: Q, user: SessionUser, dossierId: string): boolean {
	return user.role === 'producer' && canReadDossier(db, user, dossierId);
}
