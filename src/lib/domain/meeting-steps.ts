/**
 * What the chair's agenda offers for each item: the one valid next step of the live item (or
 * the call of the next pending item) as the primary button, every other allowed move tucked
 * away, and which moves need a confirmation. Pure, so the page and the tests share it.
 */
import { isLive, nextStates, type ItemState } from './meeting';

export interface StepItem {
	id: string;
	position: number;
	state: ItemState;
}

export interface ChairSteps {
	/** The usual next move, shown as the one primary button; null when there is none here. */
	primary: ItemState | null;
	/** Other allowed moves: reachable (a "more" menu), never side by side with the primary. */
	more: ItemState[];
}

/** The course of an item when nothing unusual happens. Scoring ends on the board (close). */
const USUAL_NEXT: Partial<Record<ItemState, ItemState>> = {
	pending: 'presenting',
	presenting: 'questions',
	questions: 'scoring'
};

/** The item the chair would call next: the first pending one by position, when none is live. */
export function nextToCall(agenda: readonly StepItem[]): StepItem | null {
	if (agenda.some((a) => isLive(a.state))) return null;
	return (
		agenda.filter((a) => a.state === 'pending').sort((a, b) => a.position - b.position)[0] ?? null
	);
}

export function chairSteps(
	item: StepItem,
	agenda: readonly StepItem[],
	currentItemId: string | null
): ChairSteps {
	// Closing computes and locks the result: it happens on the board, not in the agenda.
	// While another item is live this one may only be deferred (the server refuses the rest).
	const otherLive = !!currentItemId && currentItemId !== item.id;
	const allowed = nextStates(item.state).filter(
		(to) => to !== 'closed' && (to === 'deferred' || !otherLive)
	);
	const usual = USUAL_NEXT[item.state];
	const isCalled = item.state !== 'pending' || nextToCall(agenda)?.id === item.id;
	const primary = usual && isCalled && allowed.includes(usual) ? usual : null;
	return { primary, more: allowed.filter((to) => to !== primary) };
}

/**
 * Moves that skip part of the course (no presentation, no questions) or take the item off this
 * sitting: the chair confirms them in a dialog that names what will happen.
 */
export function needsConfirm(from: ItemState, to: ItemState): boolean {
	if (to === 'deferred') return true;
	if (to === 'scoring') return from !== 'questions';
	if (to === 'questions') return from === 'pending';
	return false;
}

/** The message key of the confirmation: what the move does, in the chair's words. */
export function confirmKey(from: ItemState, to: ItemState): string {
	if (to === 'deferred') return 'meeting.confirm.defer';
	if (to === 'scoring') return 'meeting.confirm.skipToScoring';
	return from === 'pending' ? 'meeting.confirm.skipPresentation' : 'meeting.confirm.move';
}
