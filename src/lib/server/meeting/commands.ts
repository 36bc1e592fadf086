import { hasControlCharsInText } from '../../domain/plain-text';
import { and, eq } from 'drizzle-orm';
import { canMove, isLive, producerOnStage, type ItemState } from '../../domain/meeting';
import { localDate } from '../../domain/working-days';
import { conflictRefusal } from '../../domain/recusal';
import type { HandEntry } from '../../protocol/meeting-events';
import type { ItemStateEvent } from '../../protocol/socket';
import { audit } from '../audit';
import type { Db, Q } from '../db/client';
import {
	agendaItems,
	conflicts,
	meetingChat,
	meetingHands,
	meetingState,
	sittings
} from '../db/schema';
import {
	isCouncilRole,
	itemInSitting,
	requireAccess,
	requireChair,
	requireInRoom,
	requireInSession
} from './access';
import { dossierBackToReady, notifyDeferred } from './adjourn';
import { quorumStatus } from './attendance';
import { refuse } from '../refusal';
import { dropHands, requireSpeaker, stepOutIfLive } from './recusal';
import { controlRow, handsOf, liveItemOf, viewableFiles } from './state';

export interface MoveOutcome {
	event: ItemStateEvent;
	/** Presenters whose stage ended with this move: they leave the video room. */
	offStage: string[];
	/** Presenters called on stage by this move: they leave the lobby. */
	onStage: string[];
	/**
	 * Members recused from the item that just went live: they leave the video room, and their
	 * raised hands have left the queue.
	 */
	recused: string[];
	/** The queue of hands was emptied: the discussion it belonged to is over. */
	handsCleared: boolean;
}

function recusedOn(db: Q, itemId: string): string[] {
	return db
		.select({ userId: conflicts.userId })
		.from(conflicts)
		.where(eq(conflicts.itemId, itemId))
		.all()
		.map((r) => r.userId);
}

/**
 * The chair moves an agenda item. Closing belongs to scoring (it computes and locks the
 * result), so it is refused here; only one item is live at a time; scoring needs a quorum.
 */
export function moveItem(
	db: Db,
	actorId: string,
	itemId: string,
	to: ItemState,
	now: number,
	/** The live server's connections to the sitting (LiveSitting.presentMembers). */
	present: Iterable<string> = []
): MoveOutcome {
	const item = itemInSitting(db, itemId);
	requireChair(db, item.sittingId, actorId);
	if (to === 'closed') refuse('wrong-state', 'meeting.errors.closeElsewhere');
	if (!canMove(item.state, to)) refuse('wrong-state', 'meeting.errors.badMove');
	// In session: requireChair has refused a draft or adjourned sitting.
	const sitting = db.select().from(sittings).where(eq(sittings.id, item.sittingId)).get()!;
	const live = liveItemOf(db, item.sittingId);
	if (isLive(to) && live && live.id !== itemId) refuse('conflict', 'meeting.errors.otherLive');
	// Members receive the dossiers ahead of the sitting, but they score at the sitting: not on
	// an earlier day (dates as in Việt Nam).
	if (to === 'scoring' && localDate(now) < localDate(sitting.startsAt))
		refuse('wrong-state', 'meeting.errors.beforeSittingDate');
	// Rule 1 for this item, as the close will judge it: its recused members are not present.
	if (to === 'scoring') {
		const q = quorumStatus(db, item.sittingId, { present, itemId });
		if (!q.quorate)
			refuse(
				'not-quorate',
				'meeting.errors.notQuorate',
				{ present: q.present, required: q.required },
				{ ...q, missing: Math.max(0, q.required - q.present) }
			);
	}
	const recused = isLive(to) && !isLive(item.state) ? recusedOn(db, itemId) : [];
	// Hands raised to speak on a product: the discussion ends when scoring opens or the item is
	// deferred, and a new product starts with an empty queue (a hand left from the last one would
	// otherwise be given the floor on this one).
	const clearHands =
		to === 'scoring' || to === 'deferred' || (item.state === 'pending' && isLive(to));
	db.transaction((tx) => {
		dropHands(tx, item.sittingId, recused);
		if (clearHands) tx.delete(meetingHands).where(eq(meetingHands.sittingId, item.sittingId)).run();
		tx.update(agendaItems)
			.set({ state: to, stateChangedAt: now })
			.where(eq(agendaItems.id, itemId))
			.run();
		if (sitting.state === 'published')
			tx.update(sittings)
				.set({ state: 'open', openedAt: now })
				.where(eq(sittings.id, sitting.id))
				.run();
		// Deferred: the dossier goes back among the ready ones, for a later sitting's agenda.
		if (to === 'deferred') {
			dossierBackToReady(tx, [item.dossierId], now);
			notifyDeferred(tx, item.sittingId, [item.dossierId], now);
		}
		if (to === 'presenting' && item.state === 'pending') {
			controlRow(tx, item.sittingId, now);
			tx.update(meetingState)
				.set({
					timerItemId: itemId,
					timerStartedAt: null,
					timerElapsedMs: 0,
					viewerItemId: itemId,
					viewerFileId: null,
					viewerPage: 1,
					updatedAt: now
				})
				.where(eq(meetingState.sittingId, item.sittingId))
				.run();
		}
		// The clock measures the presentation slot: it stops when the presentation ends, so
		// questions and scoring do not count as (over)time of the producer.
		if (item.state === 'presenting') pausePresentationTimer(tx, item.sittingId, itemId, now);
		audit(
			tx,
			{ actorId, action: 'meeting.item.move', subject: itemId, detail: { from: item.state, to } },
			now
		);
	});
	const wasOn = producerOnStage(item.state);
	const isOn = producerOnStage(to);
	return {
		event: {
			sittingId: item.sittingId,
			itemId,
			state: to,
			scoringRound: item.scoringRound,
			at: now
		},
		offStage: wasOn && !isOn ? item.presenters : [],
		onStage: !wasOn && isOn ? item.presenters : [],
		recused,
		handsCleared: clearHands
	};
}

function pausePresentationTimer(db: Q, sittingId: string, itemId: string, now: number): void {
	const row = db.select().from(meetingState).where(eq(meetingState.sittingId, sittingId)).get();
	if (!row || row.timerItemId !== itemId || row.timerStartedAt === null) return;
	db.update(meetingState)
		.set({
			timerStartedAt: null,
			timerElapsedMs: row.timerElapsedMs + (now - row.timerStartedAt),
			updatedAt: now
		})
		.where(eq(meetingState.sittingId, sittingId))
		.run();
}

export function raiseHand(db: Db, userId: string, sittingId: string, now: number): HandEntry[] {
	requireSpeaker(db, sittingId, userId);
	db.insert(meetingHands).values({ sittingId, userId, raisedAt: now }).onConflictDoNothing().run();
	return handsOf(db, sittingId);
}

/** Anyone lowers their own hand; the chair lowers anyone's. */
export function lowerHand(
	db: Db,
	actorId: string,
	sittingId: string,
	userId: string | undefined
): HandEntry[] {
	const who = requireInRoom(db, sittingId, actorId);
	const target = userId ?? actorId;
	if (target !== actorId && who.role !== 'chair') refuse('forbidden', 'meeting.errors.chairOnly');
	db.delete(meetingHands)
		.where(and(eq(meetingHands.sittingId, sittingId), eq(meetingHands.userId, target)))
		.run();
	return handsOf(db, sittingId);
}

/** The chair gives the floor to the first raised hand, which leaves the queue. */
export function nextHand(
	db: Db,
	actorId: string,
	sittingId: string
): { next: HandEntry | null; hands: HandEntry[] } {
	requireChair(db, sittingId, actorId);
	// Every path that records a conflict drops the member's hand already; a conflict row written
	// any other way (an operator, a restore) must still never give the floor to someone recused.
	const live = liveItemOf(db, sittingId);
	if (live) dropHands(db, sittingId, recusedOn(db, live.id));
	const next = handsOf(db, sittingId)[0] ?? null;
	if (next)
		db.delete(meetingHands)
			.where(and(eq(meetingHands.sittingId, sittingId), eq(meetingHands.userId, next.userId)))
			.run();
	return { next, hands: handsOf(db, sittingId) };
}

export function sendChat(
	db: Db,
	userId: string,
	sittingId: string,
	text: string,
	now: number
): number {
	requireSpeaker(db, sittingId, userId);
	const row = db
		.insert(meetingChat)
		.values({ sittingId, userId, text, at: now })
		.returning({ id: meetingChat.id })
		.get();
	return row.id;
}

/** The chair, or the presenter of the item while on stage, turns the dossier's pages. */
export function turnPage(
	db: Db,
	actorId: string,
	itemId: string,
	fileId: string | null | undefined,
	page: number,
	now: number
): string {
	const item = itemInSitting(db, itemId);
	const who = requireInRoom(db, item.sittingId, actorId);
	const presenter =
		who.role === 'producer' && item.presenters.includes(actorId) && producerOnStage(item.state);
	if (who.role !== 'chair' && !presenter) refuse('forbidden', 'meeting.errors.pageTurner');
	if (fileId && !viewableFiles(db, itemId).some((f) => f.id === fileId))
		refuse('not-found', 'meeting.errors.noFile');
	controlRow(db, item.sittingId, now);
	db.update(meetingState)
		.set({ viewerItemId: itemId, viewerFileId: fileId ?? null, viewerPage: page, updatedAt: now })
		.where(eq(meetingState.sittingId, item.sittingId))
		.run();
	return item.sittingId;
}

/** Start, pause or reset the presentation slot's timer of the live item. */
export function timerAction(
	db: Db,
	actorId: string,
	sittingId: string,
	action: 'start' | 'pause' | 'reset',
	now: number
): void {
	requireChair(db, sittingId, actorId);
	// Refused before the control row is created: a refused command changes nothing.
	const live = liveItemOf(db, sittingId);
	if (!live) refuse('wrong-state', 'meeting.errors.noLiveItem');
	const row = controlRow(db, sittingId, now);
	const same = row.timerItemId === live.id;
	const elapsed = same ? row.timerElapsedMs : 0;
	const running = same ? row.timerStartedAt : null;
	const set =
		action === 'start'
			? { timerStartedAt: running ?? now, timerElapsedMs: elapsed }
			: action === 'pause'
				? { timerStartedAt: null, timerElapsedMs: elapsed + (running ? now - running : 0) }
				: { timerStartedAt: null, timerElapsedMs: 0 };
	db.update(meetingState)
		.set({ timerItemId: live.id, ...set, updatedAt: now })
		.where(eq(meetingState.sittingId, sittingId))
		.run();
}

/** A council member declares a conflict of interest on an item: they do not score it. */
export function declareConflict(
	db: Db,
	userId: string,
	itemId: string,
	reason: string,
	now: number
): void {
	const item = itemInSitting(db, itemId);
	const who = requireInSession(requireAccess(db, item.sittingId, userId));
	if (!isCouncilRole(who.role)) refuse('forbidden', 'meeting.errors.membersOnly');
	// The reason is shown to the council and printed in the minutes (as recordConflict).
	if (hasControlCharsInText(reason)) refuse('bad-request', 'errors.controlCharsText');
	const over = conflictRefusal(item.state);
	if (over) refuse('wrong-state', `meeting.errors.${over}`);
	db.transaction((tx) => {
		stepOutIfLive(tx, item, userId);
		tx.insert(conflicts)
			.values({ itemId, userId, reason, declaredBy: userId, at: now })
			.onConflictDoNothing()
			.run();
		audit(
			tx,
			{ actorId: userId, action: 'meeting.conflict.declare', subject: itemId, detail: { reason } },
			now
		);
	});
}
