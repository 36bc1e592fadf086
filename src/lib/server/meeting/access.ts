import { eq } from 'drizzle-orm';
import {
	inSession,
	producerOnStage,
	type CouncilRole,
	type SittingState
} from '../../domain/meeting';
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
	/** Published or open: the room is in session. Adjourned: its record is read, nothing more. */
	sittingState: Exclude<SittingState, 'draft'>;
}

/**
 * Who the person is in this sitting: a council role, or a producer named as presenter of one
 * of its items. Null for everyone else (they get nothing, not even the agenda), and for everyone
 * while the sitting is a draft: the office is still preparing its agenda, which no member reads
 * before it is published (the dossiers' rule, `memberReads`) and no invitation names yet.
 */
export function sittingAccess(db: Q, sittingId: string, userId: string): SittingAccess | null {
	const sitting = db
		.select({ id: sittings.id, councilId: sittings.councilId, state: sittings.state })
		.from(sittings)
		.where(eq(sittings.id, sittingId))
		.get();
	if (!sitting || sitting.state === 'draft') return null;
	const base = { sittingId, councilId: sitting.councilId, userId, sittingState: sitting.state };
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

/**
 * The sitting is in session (published or open): an adjourned sitting keeps its record as it
 * was, so no chat, hands, pages, clock, video or declarations are added to it.
 */
export function requireInSession(who: SittingAccess): SittingAccess {
	if (!inSession(who.sittingState)) refuse('wrong-state', 'meeting.errors.sittingNotOpen');
	return who;
}

/** Inside the room (not the lobby) of a sitting in session: council members, and a producer while on stage. */
export function requireInRoom(db: Q, sittingId: string, userId: string): SittingAccess {
	const who = requireAccess(db, sittingId, userId);
	if (who.lobby) refuse('forbidden', 'meeting.errors.lobby');
	return requireInSession(who);
}

/** The chair, acting on a sitting in session. */
export function requireChair(db: Q, sittingId: string, userId: string): SittingAccess {
	const who = requireAccess(db, sittingId, userId);
	if (who.role !== 'chair') refuse('forbidden', 'meeting.errors.chairOnly');
	return requireInSession(who);
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
