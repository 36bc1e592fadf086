import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { SITTING_STATES, inSession } from '../../domain/meeting';
import {
	CHAT_HISTORY_LIMIT,
	type AgendaEntry,
	type ChatMessage,
	type HandEntry,
	type SittingSnapshot,
	type TimerState,
	type ViewerState
} from '../../protocol/meeting-events';
import type { Q } from '../db/client';
import {
	agendaItems,
	conflicts,
	dossierFiles,
	meetingChat,
	meetingHands,
	meetingState,
	sittings,
	users
} from '../db/schema';
import type { SittingAccess } from './access';
import { attendanceList, quorumStatus } from './attendance';
import { liveItemOf } from './live-item';

export { liveItemOf };
import { listAgenda } from '../councils/agenda-list';
import { stagePinOf } from './stage-pin';

export function agendaOf(db: Q, sittingId: string): AgendaEntry[] {
	return listAgenda(db, sittingId).map((item) => ({
		id: item.id,
		position: item.position,
		title: item.product,
		organization: item.organization,
		state: item.state,
		scoringRound: item.scoringRound,
		slotMinutes: item.slotMinutes,
		presenters: item.presenters
	}));
}

/** The items of this sitting the person declared (or was recorded with) a conflict on. */
export function recusedFrom(db: Q, sittingId: string, userId: string): string[] {
	return db
		.select({ itemId: conflicts.itemId })
		.from(conflicts)
		.innerJoin(agendaItems, eq(agendaItems.id, conflicts.itemId))
		.where(and(eq(agendaItems.sittingId, sittingId), eq(conflicts.userId, userId)))
		.all()
		.map((r) => r.itemId);
}

/** The sitting's persisted control row, made on first use. */
export function controlRow(db: Q, sittingId: string, now: number) {
	const row = db.select().from(meetingState).where(eq(meetingState.sittingId, sittingId)).get();
	if (row) return row;
	db.insert(meetingState).values({ sittingId, updatedAt: now }).onConflictDoNothing().run();
	return db.select().from(meetingState).where(eq(meetingState.sittingId, sittingId)).get()!;
}

export function timerOf(db: Q, sittingId: string, now: number): TimerState {
	const row = controlRow(db, sittingId, now);
	const item = row.timerItemId
		? db.select().from(agendaItems).where(eq(agendaItems.id, row.timerItemId)).get()
		: undefined;
	return {
		itemId: row.timerItemId,
		startedAt: row.timerStartedAt,
		elapsedMs: row.timerElapsedMs,
		slotMs: (item?.slotMinutes ?? 0) * 60_000
	};
}

/** PDF and image files of an item's dossier: what the viewer can show in the page. */
export function viewableFiles(db: Q, itemId: string) {
	const item = db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get();
	if (!item) return [];
	return db
		.select({ id: dossierFiles.id, name: dossierFiles.originalName, mime: dossierFiles.mime })
		.from(dossierFiles)
		.where(eq(dossierFiles.dossierId, item.dossierId))
		.orderBy(asc(dossierFiles.createdAt))
		.all()
		.filter((f) => f.mime === 'application/pdf' || f.mime.startsWith('image/'));
}

export function viewerOf(db: Q, sittingId: string, now: number): ViewerState {
	const row = controlRow(db, sittingId, now);
	const itemId = row.viewerItemId ?? liveItemOf(db, sittingId)?.id ?? null;
	const files = itemId ? viewableFiles(db, itemId) : [];
	const fileId =
		row.viewerItemId === itemId && row.viewerFileId ? row.viewerFileId : (files[0]?.id ?? null);
	return { itemId, fileId, page: row.viewerItemId === itemId ? row.viewerPage : 1, files };
}

export function handsOf(db: Q, sittingId: string): HandEntry[] {
	return db
		.select({ userId: meetingHands.userId, name: users.name, raisedAt: meetingHands.raisedAt })
		.from(meetingHands)
		.innerJoin(users, eq(users.id, meetingHands.userId))
		.where(eq(meetingHands.sittingId, sittingId))
		.orderBy(asc(meetingHands.raisedAt), asc(meetingHands.userId))
		.all();
}

/**
 * The sitting's chat as the person may read it. The council reads its whole history; a producer
 * called on stage reads only what was said since their item's current step began (presenting,
 * then questions): the council's talk about other products, and about theirs before they came
 * in, is not theirs to read.
 */
export function chatFor(db: Q, who: SittingAccess): ChatMessage[] {
	if (who.role !== 'producer') return chatOf(db, who.sittingId);
	const live = liveItemOf(db, who.sittingId);
	if (!live || !who.presenterOf.includes(live.id)) return [];
	return chatOf(db, who.sittingId, live.stateChangedAt ?? Number.MAX_SAFE_INTEGER);
}

export function chatOf(db: Q, sittingId: string, since?: number): ChatMessage[] {
	return db
		.select({
			id: meetingChat.id,
			userId: meetingChat.userId,
			name: users.name,
			text: meetingChat.text,
			at: meetingChat.at
		})
		.from(meetingChat)
		.innerJoin(users, eq(users.id, meetingChat.userId))
		.where(
			since === undefined
				? eq(meetingChat.sittingId, sittingId)
				: and(eq(meetingChat.sittingId, sittingId), gte(meetingChat.at, since))
		)
		.orderBy(desc(meetingChat.id))
		.limit(CHAT_HISTORY_LIMIT)
		.all()
		.reverse();
}

export function chatMessage(db: Q, id: number): ChatMessage {
	return db
		.select({
			id: meetingChat.id,
			userId: meetingChat.userId,
			name: users.name,
			text: meetingChat.text,
			at: meetingChat.at
		})
		.from(meetingChat)
		.innerJoin(users, eq(users.id, meetingChat.userId))
		.where(and(eq(meetingChat.id, id)))
		.get()!;
}

/**
 * Everything a client needs to draw the sitting, after a join or a reconnection. A producer in
 * the lobby sees only the agenda's progress: no chat, hands, attendance names or dossier.
 */
export function snapshotFor(
	db: Q,
	who: SittingAccess,
	now: number,
	{ videoConfigured, present }: { videoConfigured: boolean; present?: Iterable<string> }
): SittingSnapshot {
	const sitting = db.select().from(sittings).where(eq(sittings.id, who.sittingId)).get()!;
	const live = liveItemOf(db, who.sittingId);
	const quorum = quorumStatus(db, who.sittingId, { present, itemId: live?.id });
	const lobby = who.lobby;
	return {
		sittingId: who.sittingId,
		title: sitting.title,
		me: {
			userId: who.userId,
			role: who.role,
			voting: who.voting,
			lobby,
			recusedFrom: recusedFrom(db, who.sittingId, who.userId)
		},
		agenda: agendaOf(db, who.sittingId),
		currentItemId: live?.id ?? null,
		timer: timerOf(db, who.sittingId, now),
		hands: lobby ? [] : handsOf(db, who.sittingId),
		chat: lobby ? [] : chatFor(db, who),
		attendance: lobby ? [] : attendanceList(db, who.sittingId),
		quorum,
		viewer: lobby
			? { itemId: null, fileId: null, page: 1, files: [] }
			: viewerOf(db, who.sittingId, now),
		stagePin: lobby ? null : stagePinOf(db, who.sittingId),
		videoConfigured,
		endedAt: sitting.state === 'adjourned' ? (sitting.closedAt ?? sitting.openedAt ?? 0) : null,
		serverNow: now
	};
}

/**
 * The sittings in session now (published or open), of one council or of all: those whose video
 * room may hold anyone.
 */
export function sittingsInSession(db: Q, councilId?: string): string[] {
	const live = inArray(sittings.state, SITTING_STATES.filter(inSession));
	return db
		.select({ id: sittings.id })
		.from(sittings)
		.where(councilId ? and(live, eq(sittings.councilId, councilId)) : live)
		.all()
		.map((r) => r.id);
}
