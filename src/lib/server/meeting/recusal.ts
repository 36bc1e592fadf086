import { and, eq, inArray } from 'drizzle-orm';
import { isLive, type ItemState } from '../../domain/meeting';
import { stepsOut } from '../../domain/recusal';
import type { Q } from '../db/client';
import { meetingHands } from '../db/schema';
import { requireInRoom, type SittingAccess } from './access';
import { refuse } from '../refusal';
import { liveItemOf, recusedFrom } from './state';

/**
 * In the room and free to address the council: refused to a member recused from the live item
 * (chat, asking for the floor). Reading the dossier, leaving, attendance and lowering one's own
 * hand do not come through here: stepping out of a discussion is not leaving the sitting.
 */
export function requireSpeaker(db: Q, sittingId: string, userId: string): SittingAccess {
	const who = requireInRoom(db, sittingId, userId);
	const live = liveItemOf(db, sittingId);
	if (stepsOut(live?.id ?? null, recusedFrom(db, sittingId, userId)))
		refuse('forbidden', 'meeting.errors.recusedDiscussion');
	return who;
}

/**
 * Those recused from the item that goes live step out: a hand they raised earlier leaves the
 * queue, or the chair's "next" would give them the floor on the item. Returns how many left.
 */
export function dropHands(db: Q, sittingId: string, userIds: string[]): number {
	if (userIds.length === 0) return 0;
	return db
		.delete(meetingHands)
		.where(and(eq(meetingHands.sittingId, sittingId), inArray(meetingHands.userId, userIds)))
		.run().changes;
}

/**
 * A conflict recorded on the live item, by whichever path, takes its member out of the
 * discussion at once: a hand they raised leaves the queue in the same transaction as the
 * conflict (server/meeting/recusal.ts then tells the live sitting).
 */
export function stepOutIfLive(
	db: Q,
	item: { sittingId: string; state: ItemState },
	userId: string
): void {
	if (isLive(item.state)) dropHands(db, item.sittingId, [userId]);
}
