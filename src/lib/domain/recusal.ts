/**
 * Conflict of interest (recusal) rules, shared by the socket commands, the form actions and the
 * sitting page, so that each path refuses for the same reason with the same message.
 */
import type { ItemState } from './meeting';

/** Why a declaration is refused: a message key under `meeting.errors`. */
export type ConflictRefusal = 'itemOver';

/**
 * A conflict of interest is declared before the council decides the item: not once its result
 * is closed, nor once it is deferred (it returns to a later sitting, where it is declared anew).
 */
export function conflictRefusal(state: ItemState): ConflictRefusal | null {
	return state === 'closed' || state === 'deferred' ? 'itemOver' : null;
}

/**
 * A member recused from the live item has stepped out of the council's discussion of it, as
 * they would leave the room: no chat, no request for the floor. They come back when another
 * item is live, or when none is (before the sitting, between items).
 */
export function stepsOut(liveItemId: string | null, recusedFrom: readonly string[]): boolean {
	return liveItemId !== null && recusedFrom.includes(liveItemId);
}
