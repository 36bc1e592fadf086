import { asc, eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { agendaItems, dossiers, organizations, products } from '../db/schema';

/**
 * A sitting's agenda in order, with each item's product and organisation. Its own module:
 * meeting/state.ts reads it, and agenda.ts reads meeting/recusal.ts, which reads state.ts.
 */
export function listAgenda(db: Q, sittingId: string) {
	return db
		.select({
			id: agendaItems.id,
			position: agendaItems.position,
			slotMinutes: agendaItems.slotMinutes,
			presenters: agendaItems.presenters,
			state: agendaItems.state,
			scoringRound: agendaItems.scoringRound,
			dossierId: dossiers.id,
			version: dossiers.version,
			product: products.name,
			setNo: products.productSetNo,
			organization: organizations.name,
			organizationId: organizations.id
		})
		.from(agendaItems)
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(agendaItems.sittingId, sittingId))
		.orderBy(asc(agendaItems.position))
		.all();
}
