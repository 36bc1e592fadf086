// Meeting control events (agenda, attendance, hands, chat, dossier viewer, LiveKit tokens).
// The payload schemas are checked on the server; the browser uses the same types.
import { z } from 'zod';
import { ITEM_STATES, type CouncilRole, type ItemState } from '../domain/meeting';
import type { AckFn } from './socket';

export const CHAT_MAX_LENGTH = 1000;
export const CHAT_HISTORY_LIMIT = 200;
export const STAGE_KINDS = ['camera', 'screen'] as const;

/**
 * Made on first use, so the browser bundle (which needs only the types and limits) does not
 * carry the validator.
 */
function makePayloads() {
	const id = z.string().min(1).max(100);
	return {
		join: z.object({ sittingId: id }),
		move: z.object({ itemId: id, to: z.enum(ITEM_STATES) }),
		sitting: z.object({ sittingId: id }),
		handNext: z.object({ sittingId: id }),
		chat: z.object({ sittingId: id, text: z.string().trim().min(1).max(CHAT_MAX_LENGTH) }),
		viewer: z.object({
			itemId: id,
			fileId: id.nullable().optional(),
			page: z.number().int().min(1).max(10_000)
		}),
		timer: z.object({ sittingId: id, action: z.enum(['start', 'pause', 'reset']) }),
		av: z.object({
			sittingId: id,
			userId: id,
			/** What to mute; removal ignores it. */
			kind: z.enum(['audio', 'video', 'all']).optional()
		}),
		conflict: z.object({ itemId: id, reason: z.string().trim().min(1).max(500) }),
		/** The chair's pin for everyone; userId null takes it off. */
		stagePin: z.object({
			sittingId: id,
			userId: id.nullable(),
			kind: z.enum(STAGE_KINDS).optional()
		})
	};
}

let payloads: ReturnType<typeof makePayloads> | undefined;

export function meetingPayloads(): ReturnType<typeof makePayloads> {
	return (payloads ??= makePayloads());
}

/** Who the person is in this sitting: a council role, or a producer waiting or presenting. */
export type SittingRole = CouncilRole | 'producer';

export interface AgendaEntry {
	id: string;
	position: number;
	title: string;
	organization: string;
	state: ItemState;
	scoringRound: number;
	slotMinutes: number;
	presenters: string[];
}

export interface TimerState {
	itemId: string | null;
	/** Epoch ms while running, else null. */
	startedAt: number | null;
	elapsedMs: number;
	slotMs: number;
}

export interface HandEntry {
	userId: string;
	name: string;
	raisedAt: number;
}

export interface ChatMessage {
	id: number;
	userId: string;
	name: string;
	text: string;
	at: number;
}

export interface AttendanceEntry {
	userId: string;
	name: string;
	role: SittingRole;
	voting: boolean;
	present: boolean;
	video: boolean;
}

/** Rule 1 for the live item (domain/quorum.ts quorumOf), or for the sitting between items. */
export interface QuorumStatus {
	members: number;
	/** Voting members in the room for the item: its recused members are not counted. */
	present: number;
	required: number;
	chairPresent: boolean;
	quorate: boolean;
	/** The item the figures are for; null between items (nobody is recused then). */
	itemId: string | null;
	/** Voting members present in the sitting but recused on that item (not in `present`). */
	recused: number;
}

export interface ViewerFile {
	id: string;
	name: string;
	mime: string;
}

export interface ViewerState {
	itemId: string | null;
	fileId: string | null;
	page: number;
	/** The live (or viewed) item's dossier files that can be shown in the page. */
	files: ViewerFile[];
}

/** Whom the chair put on everyone's stage (a user id, which is their LiveKit identity). */
export interface StagePin {
	userId: string;
	kind: (typeof STAGE_KINDS)[number];
}

export interface SittingSnapshot {
	sittingId: string;
	title: string;
	me: {
		userId: string;
		role: SittingRole;
		voting: boolean;
		lobby: boolean;
		/** Items of this sitting the person is recused from: they step out while one is live. */
		recusedFrom: string[];
	};
	agenda: AgendaEntry[];
	currentItemId: string | null;
	timer: TimerState;
	hands: HandEntry[];
	chat: ChatMessage[];
	attendance: AttendanceEntry[];
	quorum: QuorumStatus;
	viewer: ViewerState;
	/** The chair's pin, the same for everyone in the room; null when nobody is pinned. */
	stagePin: StagePin | null;
	/** False when the app has no LiveKit server configured. */
	videoConfigured: boolean;
	/** When the chair ended (adjourned) the sitting; null while it is in session. */
	endedAt: number | null;
	serverNow: number;
}

export interface LiveKitTokenGrant {
	url: string;
	token: string;
	/** Seconds until the token expires; the client asks again before then. */
	ttlSeconds: number;
}

export interface MeetingClientEvents {
	'sitting:join': (payload: { sittingId: string }, ack: AckFn<SittingSnapshot>) => void;
	'sitting:leave': (payload: { sittingId: string }, ack: AckFn) => void;
	'item:move': (payload: { itemId: string; to: ItemState }, ack: AckFn) => void;
	'hand:raise': (payload: { sittingId: string }, ack: AckFn) => void;
	'hand:lower': (payload: { sittingId: string; userId?: string }, ack: AckFn) => void;
	'hand:next': (payload: { sittingId: string }, ack: AckFn<HandEntry | null>) => void;
	'chat:send': (payload: { sittingId: string; text: string }, ack: AckFn<ChatMessage>) => void;
	'viewer:page': (
		payload: { itemId: string; fileId?: string | null; page: number },
		ack: AckFn
	) => void;
	timer: (payload: { sittingId: string; action: 'start' | 'pause' | 'reset' }, ack: AckFn) => void;
	'livekit:token': (payload: { sittingId: string }, ack: AckFn<LiveKitTokenGrant>) => void;
	'av:mute': (
		payload: { sittingId: string; userId: string; kind?: 'audio' | 'video' | 'all' },
		ack: AckFn<{ muted: number }>
	) => void;
	'av:remove': (payload: { sittingId: string; userId: string }, ack: AckFn) => void;
	'conflict:declare': (payload: { itemId: string; reason: string }, ack: AckFn) => void;
	/** The chair ends the sitting; the answer is how many items not reached were deferred. */
	'sitting:adjourn': (payload: { sittingId: string }, ack: AckFn<{ deferred: number }>) => void;
	'stage:pin': (
		payload: { sittingId: string; userId: string | null; kind?: StagePin['kind'] },
		ack: AckFn<StagePin | null>
	) => void;
}

export interface MeetingServerEvents {
	/** The whole state again, e.g. after a producer is admitted from the lobby. */
	'sitting:state': (snapshot: SittingSnapshot) => void;
	'sitting:attendance': (event: {
		sittingId: string;
		attendance: AttendanceEntry[];
		quorum: QuorumStatus;
	}) => void;
	'sitting:hands': (event: { sittingId: string; hands: HandEntry[]; speaking?: string }) => void;
	'sitting:chat': (event: { sittingId: string; message: ChatMessage }) => void;
	'sitting:timer': (event: { sittingId: string; timer: TimerState; serverNow: number }) => void;
	'sitting:viewer': (event: { sittingId: string; viewer: ViewerState }) => void;
	'sitting:stage': (event: { sittingId: string; pin: StagePin | null }) => void;
	/** The chair ended the sitting: its room, chat and hands close; the minutes exist. */
	'sitting:ended': (event: { sittingId: string; at: number }) => void;
	/** The person should leave the video room now (phase over, conflict, removed by the chair). */
	'av:leave': (event: {
		sittingId: string;
		reason: 'phase' | 'conflict' | 'removed' | 'seat';
	}) => void;
}
