import { eq } from 'drizzle-orm';
import { producerOnStage, type CouncilRole } from '../../domain/meeting';
import type { SittingRole } from '../../protocol/meeting-events';
import type { Q } from '../db/client';
import { agendaItems, councils, sittings } from '../db/schema';
import { membershipOf } from '../membership';
import { refuse } from '../refusal';

export interface SittingAccess {
	sittingId: string;
	councilId: string;
	userId: string;
	role: SittingRole;
	voting: boolean;
	/** Items this person presents (producers only). */
	presenterOf: string[];
	/** A producer whose item is not on stage waits outside the room. */
	lobby: boolean;
}

/**
 * Who the person is in this sitting: a council role, or a producer named as presenter of one
 * of its items. Null for everyone else (they get nothing, not even the agenda).
 */
export function sittingAccess(db: Q, sittingId: string, userId: string): SittingAccess | null {
	const sitting = db
		.select({ id: sittings.id, councilId: sittings.councilId })
		.from(sittings)
		.where(eq(sittings.id, sittingId))
		.get();
	if (!sitting) return null;
	const base = { sittingId, councilId: sitting.councilId, userId };
	const membership = membershipOf(db, sitting.councilId, userId);
	if (membership) {
		return {
			...base,
			role: membership.role,
			voting: membership.voting,
			presenterOf: [],
			lobby: false
		};
	}
	const items = db
		.select({ id: agendaItems.id, state: agendaItems.state, presenters: agendaItems.presenters })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.all()
		.filter((i) => i.presenters.includes(userId));
	if (items.length === 0) return null;
	const onStage = items.some((i) => producerOnStage(i.state));
	return {
		...base,
		role: 'producer',
		voting: false,
		presenterOf: items.map((i) => i.id),
		lobby: !onStage
	};
}

export function requireAccess(db: Q, sittingId: string, userId: string): SittingAccess {
	return sittingAccess(db, sittingId, userId) ?? refuse('forbidden', 'meeting.errors.notInSitting');
}

/** Inside the room (not the lobby): council members, and a producer while on stage. */
export function requireInRoom(db: Q, sittingId: string, userId: string): SittingAccess {
	const who = requireAccess(db, sittingId, userId);
	if (who.lobby) refuse('forbidden', 'meeting.errors.lobby');
	return who;
}

export function requireChair(db: Q, sittingId: string, userId: string): SittingAccess {
	const who = requireAccess(db, sittingId, userId);
	if (who.role !== 'chair') refuse('forbidden', 'meeting.errors.chairOnly');
	return who;
}

export function isCouncilRole(role: SittingRole): role is CouncilRole {
	return role !== 'producer';
}

export function councilQuorum(db: Q, councilId: string) {
	const c = db
		.select({ num: councils.quorumNum, den: councils.quorumDen })
		.from(councils)
		.where(eq(councils.id, councilId))
		.get();
	return c ?? { num: 3, den: 4 };
}

/** The item and its sitting, or not-found. */
export function itemInSitting(db: Q, itemId: string) {
	return (
		db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get() ??
		refuse('not-found', 'meeting.errors.noItem')
	);
}
