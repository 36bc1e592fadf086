import { and, eq } from 'drizzle-orm';
import type { CouncilRole } from '../domain/meeting';
import type { Q } from './db/client';
import { agendaItems, conflicts, councilMembers, sittings, users } from './db/schema';

export interface Membership {
	councilId: string;
	role: CouncilRole;
	voting: boolean;
}

/** The person's role on a council, or null when they do not sit on it. */
export function membershipOf(db: Q, councilId: string, userId: string): Membership | null {
	const row = db
		.select({ role: councilMembers.role, voting: councilMembers.voting })
		.from(councilMembers)
		.where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.userId, userId)))
		.get();
	return row ? { councilId, ...row } : null;
}

export interface CouncilSeat {
	userId: string;
	name: string;
	email: string;
	disabled: boolean;
	role: CouncilRole;
	voting: boolean;
	title: string | null;
}

/**
 * The council's members with their accounts, in the order they were added: the one query of
 * council members joined to users, for every page, document and live list that names them.
 */
export function councilSeats(db: Q, councilId: string): CouncilSeat[] {
	return db
		.select({
			userId: councilMembers.userId,
			name: users.name,
			email: users.email,
			disabled: users.disabled,
			role: councilMembers.role,
			voting: councilMembers.voting,
			title: councilMembers.title
		})
		.from(councilMembers)
		.innerJoin(users, eq(users.id, councilMembers.userId))
		.where(eq(councilMembers.councilId, councilId))
		.all();
}

/** The person's role in the council that holds this sitting. */
export function sittingMembership(db: Q, sittingId: string, userId: string) {
	const sitting = db.select().from(sittings).where(eq(sittings.id, sittingId)).get();
	if (!sitting) return null;
	return { sitting, membership: membershipOf(db, sitting.councilId, userId) };
}

/**
 * The council's seats as one item sees them: each with whether the person declared (or was
 * recorded with) a conflict on it. No item (between items): nobody is recused.
 */
export function itemSeats(
	db: Q,
	councilId: string,
	itemId: string | null
): (CouncilSeat & { recused: boolean })[] {
	const recused = new Set(
		itemId
			? db
					.select({ u: conflicts.userId })
					.from(conflicts)
					.where(eq(conflicts.itemId, itemId))
					.all()
					.map((r) => r.u)
			: []
	);
	return councilSeats(db, councilId).map((s) => ({ ...s, recused: recused.has(s.userId) }));
}

export function isRecused(db: Q, itemId: string, userId: string): boolean {
	return !!db
		.select({ u: conflicts.userId })
		.from(conflicts)
		.where(and(eq(conflicts.itemId, itemId), eq(conflicts.userId, userId)))
		.get();
}

export function getItem(db: Q, itemId: string) {
	return db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get();
}
