import type { Db } from '../../src/lib/server/db/client';
import { agendaItems, dossiers, products } from '../../src/lib/server/db/schema';

export interface AgendaProduct {
	/** Suffix of the ids: product p<n>, dossier d<n>, agenda item i<n>. */
	n: number | string;
	sittingId: string;
	position: number;
	name: string;
	now: number;
	productSetNo?: number;
	state?: (typeof agendaItems.$inferInsert)['state'];
}

/**
 * A product of organisation `o1` with a scheduled first-registration dossier, on the sitting's
 * agenda as item `i<n>` (the shape every scoring fixture needs). Returns the item's id.
 */
export function insertAgendaProduct(db: Pick<Db, 'insert'>, a: AgendaProduct): string {
	const { n, now } = a;
	db.insert(products)
		.values({
			id: `p${n}`,
			organizationId: 'o1',
			name: a.name,
			rubricVersion: 'qd26-2026',
			productSetNo: a.productSetNo ?? 7,
			createdAt: now
		})
		.run();
	db.insert(dossiers)
		.values({
			id: `d${n}`,
			productId: `p${n}`,
			registrationKind: 'first',
			state: 'scheduled',
			createdAt: now,
			updatedAt: now
		})
		.run();
	db.insert(agendaItems)
		.values({
			id: `i${n}`,
			sittingId: a.sittingId,
			position: a.position,
			dossierId: `d${n}`,
			...(a.state ? { state: a.state } : {})
		})
		.run();
	return `i${n}`;
}
