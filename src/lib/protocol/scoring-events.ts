// Scoring events: submit a card, close an item, re-score, locked results, board updates.
// Commands are acknowledged (see Ack in socket.ts); payloads are validated with these schemas.
import { z } from 'zod';
import type { CouncilRole, ItemState } from '../domain/meeting';
import type { AckFn } from './socket';

const id = z.string().min(1).max(64);

export const watchPayload = z.object({ itemId: id });
/**
 * Submit names the item only: the server takes the member's card from its own copy of their Yjs
 * document (what the member saw is what counts). Anything else in the payload, such as the
 * `choices` older clients sent, is dropped unread.
 */
export const submitPayload = z.object({ itemId: id });
/** A card's ticks, as its Yjs document holds them: leaf code → 0-based option index; -1 = none. */
export const cardChoices = z.record(z.string().min(1).max(32), z.number().int().min(-1).max(99));
export const closePayload = z.object({
	itemId: id,
	override: z.object({ reason: z.string().max(2000) }).nullish()
});
export const rescorePayload = z.object({ itemId: id });

export type WatchPayload = z.infer<typeof watchPayload>;
export type SubmitPayload = z.infer<typeof submitPayload>;
export type ClosePayload = z.infer<typeof closePayload>;
export type RescorePayload = z.infer<typeof rescorePayload>;

/** A scorer's view: their own card and how many have submitted (blind scoring). */
export interface ScoringStatus {
	itemId: string;
	sittingId: string;
	state: ItemState;
	round: number;
	eligible: number;
	submitted: number;
	mine: { choices: Record<string, number>; submittedAt: number } | null;
}

export interface BoardMember {
	userId: string;
	name: string;
	role: CouncilRole;
	recused: boolean;
	connected: boolean;
	answered: number;
	total: number;
	submitted: boolean;
	submittedAt: number | null;
	/** The submitted card's total (staff only). */
	cardTotal: number | null;
	/**
	 * The submitted card's ticks (staff only, who read every draft live anyway): the board marks
	 * a member whose live draft no longer matches the card that counts.
	 */
	cardChoices: Record<string, number> | null;
}

export interface Disagreement {
	code: string;
	label: string;
	min: number;
	max: number;
	choices: Record<string, number>;
}

export interface Extreme {
	userId: string;
	name: string;
	total: number;
}

/** The chair's and the secretary's live board; goes only to rooms.sittingStaff. */
export interface Board {
	itemId: string;
	sittingId: string;
	state: ItemState;
	round: number;
	leafCount: number;
	eligible: number;
	submitted: number;
	members: BoardMember[];
	quorum: {
		members: number;
		present: number;
		required: number;
		chairPresent: boolean;
		met: boolean;
		/** Voting members present but recused on this item: not counted in `present`. */
		recused: number;
	} | null;
	provisional: {
		average: number | null;
		band: number | null;
		floor: number | null;
		stars: number | null;
		spread: number | null;
		maxSpread: number;
		spreadExceeded: boolean;
		blocked: string | null;
		high: Extreme[];
		low: Extreme[];
	} | null;
	disagreement: Disagreement[];
	/** What the server answers to a close now: the chair's dialog says it before they confirm. */
	close: CloseCheck;
}

/**
 * A close judged now by the close's own rules (scoring/close.ts closeVerdict) on the same cards
 * and presence, without an override. The browser only words it.
 */
export interface CloseCheck {
	/** null: a close now locks the result; otherwise what refuses it. */
	blocked: 'quorum' | 'incomplete' | 'spread' | null;
	/** The refusal a close now gets (its message key and details); null when it would lock. */
	refusal: { key: string; details: Record<string, unknown> } | null;
	/** A spread block only: closing anyway needs a recorded reason (RULES.md rule 4). */
	overridable: boolean;
	/** Cards that enter the result: the current round's submitted cards of scorers. */
	counted: number;
	/** Scorers not in the sitting who have not submitted: the result is computed without them. */
	absent: string[];
	/** What a close now would lock (both null when it is refused). */
	average: number | null;
	stars: number | null;
}

/** What everyone in the sitting learns when an item is locked. */
export interface LockedSummary {
	itemId: string;
	sittingId: string;
	seq: number;
	hash: string;
	round: number;
	average: number | null;
	band: number | null;
	floor: number | null;
	stars: number | null;
	outcome: string | null;
	override: { reason: string } | null;
	closedAt: number;
}

/**
 * The member's own card as the locked record holds it: the card that was counted, whatever the
 * draft in their Yjs document said after it was submitted.
 */
export interface CountedCard {
	round: number;
	choices: Record<string, number>;
	submittedAt: number;
}

export interface WatchData {
	/** staff = chair or secretary (gets the board); scorer = voting, not recused. */
	role: 'staff' | 'scorer' | 'observer';
	status: ScoringStatus;
	board: Board | null;
	locked: LockedSummary | null;
	/** The member's receipt once locked: the hash of their own card. */
	receipt: string | null;
	/** The member's card in the locked record (null before locking, or when they sent none). */
	counted: CountedCard | null;
}

export interface SubmitData {
	round: number;
	submittedAt: number;
	receipt: string;
	/** The card the server recorded (its copy of the member's document at that moment). */
	choices: Record<string, number>;
}

export interface ScoringProgressEvent {
	itemId: string;
	round: number;
	submitted: number;
	eligible: number;
}

export interface ScoringClientEvents {
	'scoring:watch': (payload: WatchPayload, ack: AckFn<WatchData>) => void;
	'score:submit': (payload: SubmitPayload, ack: AckFn<SubmitData>) => void;
	'item:close': (payload: ClosePayload, ack: AckFn<LockedSummary>) => void;
	'item:rescore': (payload: RescorePayload, ack: AckFn<{ round: number }>) => void;
}

export interface ScoringServerEvents {
	'board:update': (board: Board) => void;
	'scoring:progress': (event: ScoringProgressEvent) => void;
	'result:locked': (summary: LockedSummary) => void;
	'scoring:receipt': (event: { itemId: string; receipt: string; counted: CountedCard }) => void;
}
