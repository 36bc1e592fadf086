import { and, eq } from 'drizzle-orm';
import type { CouncilRole } from '../../domain/meeting';
import { getRubric } from '../../domain/rubrics';
import type { ProductSetRubric } from '../../domain/rubric';
import type { Q } from '../db/client';
import { councilSeats } from '../membership';
import { agendaItems, conflicts, councils, dossiers, products, sittings } from '../db/schema';

export interface CouncilSeat {
	userId: string;
	name: string;
	role: CouncilRole;
	voting: boolean;
	recused: boolean;
}

/** Everything about one agenda item that scoring needs, read in a few queries. */
export interface ItemContext {
	item: typeof agendaItems.$inferSelect;
	sitting: typeof sittings.$inferSelect;
	council: typeof councils.$inferSelect;
	dossierId: string;
	productName: string;
	rubric: ProductSetRubric;
	/** Set 26: the case the dossier states; a card answers within it. */
	serviceCase: 'a' | 'b' | null;
	seats: CouncilSeat[];
}

export function loadItemContext(db: Q, itemId: string): ItemContext | null {
	const row = db
		.select({
			item: agendaItems,
			sitting: sittings,
			council: councils,
			product: products,
			serviceCase: dossiers.serviceCase
		})
		.from(agendaItems)
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.innerJoin(councils, eq(councils.id, sittings.councilId))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(agendaItems.id, itemId))
		.get();
	if (!row) return null;
	const recused = new Set(
		db
			.select({ u: conflicts.userId })
			.from(conflicts)
			.where(eq(conflicts.itemId, itemId))
			.all()
			.map((r) => r.u)
	);
	const seats = councilSeats(db, row.council.id).map(({ userId, name, role, voting }) => ({
		userId,
		name,
		role,
		voting,
		recused: recused.has(userId)
	}));
	return {
		item: row.item,
		sitting: row.sitting,
		council: row.council,
		dossierId: row.item.dossierId,
		productName: row.product.name,
		rubric: getRubric(row.product.rubricVersion, row.product.productSetNo),
		serviceCase: row.serviceCase,
		seats
	};
}

/** Voting, non-recused members: the ones who score this item. */
export function scorers(ctx: ItemContext): CouncilSeat[] {
	return ctx.seats.filter((s) => s.voting && !s.recused);
}

export function seatOf(ctx: ItemContext, userId: string): CouncilSeat | undefined {
	return ctx.seats.find((s) => s.userId === userId);
}

/** Item state read inside a transaction, so a racing close or submit sees the final word. */
export function itemStateNow(db: Q, itemId: string) {
	return db
		.select({ state: agendaItems.state, round: agendaItems.scoringRound })
		.from(agendaItems)
		.where(and(eq(agendaItems.id, itemId)))
		.get();
}
