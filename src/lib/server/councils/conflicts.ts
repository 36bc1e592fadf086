// Conflicts of interest on agenda items: who declared or recorded them, and why.
import { eq } from 'drizzle-orm';
import { hasControlCharsInText } from '../../domain/plain-text';
import { conflictRefusal } from '../../domain/recusal';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, conflicts, sittings, users } from '../db/schema';
import type { LiveEffects } from '../live-effects';
import { stepOutIfLive } from '../meeting/recusal';
import { membershipOf } from '../membership';
import { refuse } from '../refusal';

export function listConflicts(db: Q, sittingId: string) {
	return db
		.select({
			itemId: conflicts.itemId,
			userId: conflicts.userId,
			name: users.name,
			reason: conflicts.reason,
			declaredBy: conflicts.declaredBy,
			at: conflicts.at
		})
		.from(conflicts)
		.innerJoin(agendaItems, eq(agendaItems.id, conflicts.itemId))
		.innerJoin(users, eq(users.id, conflicts.userId))
		.where(eq(agendaItems.sittingId, sittingId))
		.all();
}

/**
 * A conflict of interest on one item. A member declares their own; the chair or the secretary
 * of the council (or office staff) records one for any member.
 */
export function recordConflict(
	db: Db,
	user: SessionUser,
	itemId: string,
	memberId: string,
	reason: string,
	now: number,
	live: LiveEffects
) {
	const item = db
		.select({
			sittingId: agendaItems.sittingId,
			state: agendaItems.state,
			councilId: sittings.councilId
		})
		.from(agendaItems)
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.where(eq(agendaItems.id, itemId))
		.get();
	if (!item) refuse('not-found', 'council.errors.notFound');
	const mine = membershipOf(db, item.councilId, user.id);
	const self = memberId === user.id && !!mine;
	const recorder =
		user.role === 'office' ||
		user.role === 'admin' ||
		mine?.role === 'chair' ||
		mine?.role === 'secretary';
	if (!self && !recorder) refuse('forbidden', 'council.errors.forbidden');
	if (!membershipOf(db, item.councilId, memberId))
		refuse('bad-request', 'council.errors.noSuchPerson');
	if (!reason) refuse('bad-request', 'council.errors.reasonRequired');
	// The reason is shown to the council and printed in the minutes.
	if (hasControlCharsInText(reason)) refuse('bad-request', 'errors.controlCharsText');
	// The socket command refuses by the same rule, with the same message.
	const over = conflictRefusal(item.state);
	if (over) refuse('bad-request', `meeting.errors.${over}`);
	db.transaction((tx) => {
		stepOutIfLive(tx, item, memberId);
		tx.insert(conflicts)
			.values({ itemId, userId: memberId, reason, declaredBy: user.id, at: now })
			.onConflictDoUpdate({
				target: [conflicts.itemId, conflicts.userId],
				set: { reason, declaredBy: user.id, at: now }
			})
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'conflict.declare',
				subject: itemId,
				detail: { memberId, reason }
			},
			now
		);
	});
	// The member's open sitting page, the hands queue, the video room and the chair's board
	// follow at once, as they do when the member declares through the socket. The caller awaits
	// `live` before answering.
	return { live: live.announce({ kind: 'conflict', itemId, userId: memberId }) };
}
