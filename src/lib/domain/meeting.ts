/**
 * The council sitting's rules: who holds which council role, and how an agenda item moves.
 * Pure: the server's control layer asks these functions before it changes anything.
 */

export const COUNCIL_ROLES = ['chair', 'vice-chair', 'member', 'secretary'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

export const COUNCIL_LEVELS = ['province', 'central'] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];

export const ITEM_STATES = [
	'pending',
	'presenting',
	'questions',
	'scoring',
	'closed',
	'deferred'
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const SITTING_STATES = ['draft', 'published', 'open', 'adjourned'] as const;
export type SittingState = (typeof SITTING_STATES)[number];

/**
 * A sitting in session: its agenda published, not yet adjourned. Only then does it take people
 * (attendance, chat, hands, video) and moves; a draft is the office's, an adjourned one a record.
 */
export function inSession(state: SittingState | null | undefined): boolean {
	return state === 'published' || state === 'open';
}

/**
 * A sitting has been held once it was opened (its first item moved, which stamps the opening
 * time) and the chair has ended it (adjourned): only then has it minutes, which record the
 * closing time and are approved before the council. A sitting still open has no minutes yet; a
 * published sitting that never opened, and a written round (published, never opened: nobody
 * met), have none at all.
 */
export function sittingHeld(s: { state: SittingState; openedAt: number | null }): boolean {
	return s.openedAt !== null && s.state === 'adjourned';
}

export type AdjournRefusal = 'notOpened' | 'itemLive';

/**
 * Whether the chair may end (adjourn) the sitting now: it must be open (its first item moved)
 * and no item may be live: the item under way is closed or deferred first. Items not reached
 * (pending) go to a later sitting with the adjournment.
 */
export function adjournRefusal(
	state: SittingState,
	items: readonly { state: ItemState }[]
): AdjournRefusal | null {
	if (state !== 'open') return 'notOpened';
	if (items.some((i) => isLive(i.state))) return 'itemLive';
	return null;
}

/**
 * Allowed moves of an agenda item. The chair may skip the presentation (a producer who does
 * not attend) and go back from questions to the presentation; scoring is left only by closing
 * (which locks) or deferring (the item returns to a later sitting, nothing is locked).
 */
const MOVES: Record<ItemState, readonly ItemState[]> = {
	pending: ['presenting', 'questions', 'scoring', 'deferred'],
	presenting: ['questions', 'scoring', 'deferred'],
	questions: ['presenting', 'scoring', 'deferred'],
	scoring: ['closed', 'deferred'],
	closed: [],
	deferred: []
};

export function canMove(from: ItemState, to: ItemState): boolean {
	return MOVES[from].includes(to);
}

export function nextStates(from: ItemState): readonly ItemState[] {
	return MOVES[from];
}

/** Only one item of a sitting is live (presenting, questions or scoring) at a time. */
export function isLive(state: ItemState): boolean {
	return state === 'presenting' || state === 'questions' || state === 'scoring';
}

/** Voting roles score; a secretary may be non-voting (a per-member flag decides). */
export function runsMeeting(role: CouncilRole | null): boolean {
	return role === 'chair';
}

/** Who reads every member's live card and the board: the chair and the secretary. */
export function readsAllCards(role: CouncilRole | null): boolean {
	return role === 'chair' || role === 'secretary';
}

/** The producer may present (publish video) only while their item is presented or questioned. */
export function producerOnStage(state: ItemState): boolean {
	return state === 'presenting' || state === 'questions';
}
