import { and, eq, inArray } from 'drizzle-orm';
import type { Q } from '../db/client';
import { councilSeats } from '../membership';
import { decidedOutcome } from '../ministry/common';
import { agendaItems, dossiers, lockedResults, products, sittings, users } from '../db/schema';

/** Every active producer account of the organisations given: the producer is the organisation. */
export function producerAccounts(db: Q, organizationIds: readonly string[]): string[] {
	if (organizationIds.length === 0) return [];
	return db
		.select({ id: users.id })
		.from(users)
		.where(
			and(
				eq(users.role, 'producer'),
				eq(users.disabled, false),
				inArray(users.organizationId, [...organizationIds])
			)
		)
		.all()
		.map((r) => r.id);
}

/**
 * The sitting's invitees: the council's members and the presenters of its items (by default
 * every producer account of the item's organisation, see councils/agenda.ts), who are exactly
 * the people the sitting's page lets in (meeting/access.ts).
 */
export function sittingInvitees(db: Q, sittingId: string) {
	const sitting = db.select().from(sittings).where(eq(sittings.id, sittingId)).get();
	if (!sitting) return null;
	const members = councilSeats(db, sitting.councilId)
		.filter((s) => !s.disabled)
		.map((s) => s.userId);
	const items = db
		.select({ presenters: agendaItems.presenters, slot: agendaItems.slotMinutes })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.all();
	const producers = [...new Set(items.flatMap((i) => i.presenters))];
	const minutes = Math.max(
		60,
		items.reduce((sum, i) => sum + i.slot, 0)
	);
	return { sitting, members, producers, minutes };
}

/**
 * The organisation a locked result is about, and the product's name as the hashed record holds
 * it (what every public page shows, results/repository.ts), not as the live table has it now.
 */
export function resultSubject(db: Q, seq: number) {
	const row = db
		.select({
			record: lockedResults.record,
			organizationId: products.organizationId,
			stars: lockedResults.stars
		})
		.from(lockedResults)
		.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(lockedResults.seq, seq))
		.get();
	return (
		row && {
			product: row.record.productName,
			organizationId: row.organizationId,
			stars: row.stars,
			/** The council's conclusion (rule 8): a province's 5★ is only forwarded to the Ministry. */
			outcome: decidedOutcome(row.record)
		}
	);
}
