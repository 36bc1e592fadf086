// A council member's home page: their councils, published sittings and agendas.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { conflictRefusal } from '../../domain/recusal';
import type { Q } from '../db/client';
import { conflicts, councilMembers, councils, sittings } from '../db/schema';
import { listAgenda } from './agenda-list';

/** The member's councils, each with its sittings whose agenda is published, and each agenda. */
export function memberHome(db: Q, userId: string) {
	const seats = db
		.select({
			councilId: councils.id,
			name: councils.name,
			role: councilMembers.role,
			voting: councilMembers.voting
		})
		.from(councilMembers)
		.innerJoin(councils, eq(councils.id, councilMembers.councilId))
		.where(eq(councilMembers.userId, userId))
		.all();
	const mine = new Set(
		db
			.select({ itemId: conflicts.itemId })
			.from(conflicts)
			.where(eq(conflicts.userId, userId))
			.all()
			.map((c) => c.itemId)
	);
	return seats.map((seat) => ({
		...seat,
		sittings: db
			.select()
			.from(sittings)
			.where(and(eq(sittings.councilId, seat.councilId), isNotNull(sittings.agendaPublishedAt)))
			.orderBy(desc(sittings.startsAt))
			.all()
			.map((s) => ({
				id: s.id,
				title: s.title,
				startsAt: s.startsAt,
				state: s.state,
				agenda: listAgenda(db, s.id).map((a) => ({
					id: a.id,
					position: a.position,
					product: a.product,
					organization: a.organization,
					dossierId: a.dossierId,
					slotMinutes: a.slotMinutes,
					recused: mine.has(a.id),
					declarable: conflictRefusal(a.state) === null
				}))
			}))
	}));
}
