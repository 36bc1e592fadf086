import { and, eq } from 'drizzle-orm';
import type { CouncilRole } from '../../domain/meeting';
import { getRubric } from '../../domain/rubrics';
import type { ProductSetRubric } from '../../domain/rubric';
import type { Q } from '../db/client';
import { refuse } from '../refusal';
import { writtenWindowOf } from '../written/window';
import { itemSeats } from '../membership';
import { agendaItems, councils, dossiers, products, sittings } from '../db/schema';

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
	// An item of a draft agenda is nobody's yet, as its sitting is (meeting/access.ts) and as its
	// documents are (doc-access.ts): every scoring command answers it as missing. Watching one
	// once answered its board to the chair and wrote the draft's attendance register.
	if (!row || row.sitting.state === 'draft') return null;
	const seats = itemSeats(db, row.council.id, itemId).map(
		({ userId, name, role, voting, recused }) => ({ userId, name, role, voting, recused })
	);
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

/**
 * The item a close or a re-scoring acts on: it exists and is in scoring, and the person is its
 * chair. A written round's item moves only by the round's own rule (`byWrittenRound`, from
 * written/settle.ts): no chair closes it by hand, nobody re-scores it. One guard for both
 * commands, so they refuse alike and in this order.
 */
export function chairScoringItem(
	db: Q,
	itemId: string,
	by: { userId: string; byWrittenRound?: boolean }
): ItemContext {
	const ctx = loadItemContext(db, itemId);
	if (!ctx) refuse('not-found', 'scoring.errors.notFound');
	const written = writtenWindowOf(db, ctx.sitting.id);
	if (written && !by.byWrittenRound) refuse('wrong-state', 'scoring.errors.writtenRound');
	if (!written && seatOf(ctx, by.userId)?.role !== 'chair')
		refuse('forbidden', 'scoring.errors.chairOnly');
	if (ctx.item.state === 'closed') refuse('wrong-state', 'scoring.errors.closed');
	if (ctx.item.state !== 'scoring') refuse('wrong-state', 'scoring.errors.notScoring');
	return ctx;
}
