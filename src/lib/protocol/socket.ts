/**
 * The socket.io contract, shared by browser and server. Every command is acknowledged with an
 * `Ack`: the caller always learns whether it happened. Areas define their own event maps in
 * their own files; this file joins them.
 */
import type { ItemState } from '../domain/meeting';
import type { MeetingClientEvents, MeetingServerEvents } from './meeting-events';
import type { ScoringClientEvents, ScoringServerEvents } from './scoring-events';

export const ERROR_CODES = [
	'bad-request',
	'unauthorized',
	'forbidden',
	'not-found',
	'conflict',
	'wrong-state',
	'not-quorate',
	'rate-limited',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
	code: ErrorCode;
	/** Already in the person's language. */
	message: string;
	/** Extra facts for the UI, e.g. which cards are missing. */
	details?: unknown;
}

export type Ack<T = null> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T = null> = (ack: Ack<T>) => void;

/** Sent to rooms.sitting(sittingId) by whoever changes an agenda item's state. */
export interface ItemStateEvent {
	sittingId: string;
	itemId: string;
	state: ItemState;
	scoringRound: number;
	at: number;
}

interface SharedServerEvents {
	'item:state': (event: ItemStateEvent) => void;
}

export interface ClientToServerEvents extends MeetingClientEvents, ScoringClientEvents {}
export interface ServerToClientEvents
	extends MeetingServerEvents, ScoringServerEvents, SharedServerEvents {}

/** Socket.io room names. */
export const rooms = {
	sitting: (sittingId: string) => `sitting:${sittingId}`,
	/** Chair and secretary of a sitting: the board's extra data goes only here. */
	sittingStaff: (sittingId: string) => `sitting-staff:${sittingId}`,
	user: (userId: string) => `user:${userId}`
};
