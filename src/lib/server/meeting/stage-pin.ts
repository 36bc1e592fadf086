import { eq } from 'drizzle-orm';
import type { StagePin } from '../../protocol/meeting-events';
import { audit } from '../audit';
import type { Db, Q } from '../db/client';
import { meetingState } from '../db/schema';
import { requireChair, sittingAccess } from './access';
import { refuse } from '../refusal';

/**
 * The chair's pin as everyone should see it. A pin on someone who is no longer in the room (a
 * producer whose stage ended, a member removed from the council) is no pin: a late joiner
 * must not get a stage that waits for someone who cannot come back.
 */
export function stagePinOf(db: Q, sittingId: string): StagePin | null {
	const row = db.select().from(meetingState).where(eq(meetingState.sittingId, sittingId)).get();
	if (!row?.stagePinUserId) return null;
	const who = sittingAccess(db, sittingId, row.stagePinUserId);
	if (!who || who.lobby) return null;
	return { userId: row.stagePinUserId, kind: row.stagePinKind ?? 'camera' };
}

/**
 * Only the chair pins for everyone, and only someone who belongs in the room: a forged id, a
 * person from another council or a producer still in the lobby is refused and nothing changes.
 */
export function setStagePin(
	db: Db,
	actorId: string,
	sittingId: string,
	pin: StagePin | null,
	now: number
): StagePin | null {
	requireChair(db, sittingId, actorId);
	if (pin) {
		const target = sittingAccess(db, sittingId, pin.userId);
		if (!target) refuse('not-found', 'meeting.errors.noParticipant');
		if (target.lobby) refuse('wrong-state', 'meeting.errors.pinLobby');
	}
	db.transaction((tx) => {
		tx.insert(meetingState).values({ sittingId, updatedAt: now }).onConflictDoNothing().run();
		tx.update(meetingState)
			.set({
				stagePinUserId: pin?.userId ?? null,
				stagePinKind: pin?.kind ?? null,
				updatedAt: now
			})
			.where(eq(meetingState.sittingId, sittingId))
			.run();
		audit(
			tx,
			{ actorId, action: pin ? 'stage.pin' : 'stage.unpin', subject: sittingId, detail: pin },
			now
		);
	});
	return pin;
}
