import { eq } from 'drizzle-orm';
import { isLive } from '../src/lib/domain/meeting';
import { rooms } from '../src/lib/protocol/socket';
import { hasValidSession } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import { agendaItems } from '../src/lib/server/db/schema';
import {
	closeRoom,
	muteInRoom,
	removeFromRoom,
	removeFromRoomOrWarn
} from '../src/lib/server/livekit/room-service';
import { sittingAccess, type SittingAccess } from '../src/lib/server/meeting/access';
import { attendanceList, getAttendance, quorumStatus } from '../src/lib/server/meeting/attendance';
import type { AdjournOutcome } from '../src/lib/server/meeting/adjourn';
import type { MoveOutcome } from '../src/lib/server/meeting/commands';
import { refuse } from '../src/lib/server/refusal';
import {
	handsOf,
	sittingsInSession,
	snapshotFor,
	timerOf,
	viewerOf
} from '../src/lib/server/meeting/state';
import { getItem } from '../src/lib/server/membership';
import type { RouteChange } from '../src/lib/server/live-effects';
import { lobbyRoom } from './meeting/context';
import type { AppIo } from './realtime-types';
import { BoardFeed } from './scoring/board-feed';
import type { YjsHub } from './yjs/hub';

/** Attendance changes in bursts (a council arrives, or leaves, together): one list per burst. */
const ATTENDANCE_EVERY_MS = 100;

export type VideoExitReason = 'phase' | 'conflict' | 'removed' | 'seat';

/**
 * Everything the live sittings of this server do to the people in them: who is present, what
 * everyone in a sitting is told (attendance, hands, timer, viewer, a producer's stage), the
 * chair's board, and the video room (mute, remove). Built once by the composition root
 * (realtime.ts) and handed to the socket handlers, the LiveKit webhook and the changes that
 * form actions announce: there is no other way to reach it.
 */
export class LiveSitting {
	readonly ctx: AppContext;
	readonly io: AppIo;
	readonly hub: YjsHub;
	readonly board: BoardFeed;
	/** Sittings with an attendance message already scheduled, and its timer. */
	private readonly attendanceDue = new Map<string, NodeJS.Timeout>();
	/** Set once the server closes: the database goes next, so nothing may be scheduled on it. */
	private closed = false;

	constructor(parts: { ctx: AppContext; io: AppIo; hub: YjsHub }) {
		this.ctx = parts.ctx;
		this.io = parts.io;
		this.hub = parts.hub;
		this.board = new BoardFeed(this);
	}

	/**
	 * Who is in the sitting now, for quorum at close and "connected" on the board: the meeting
	 * area's attendance register (control socket or video room), plus anyone with a live
	 * connection here — a socket in the sitting's room or an open Yjs document of one of its
	 * items — so a member scoring on a phone without the video page still counts.
	 */
	presentMembers(sittingId: string): Set<string> {
		const present = new Set<string>(getAttendance(this.ctx.db, sittingId).presentIds);
		const room = this.io.sockets.adapter.rooms.get(rooms.sitting(sittingId));
		for (const socketId of room ?? []) {
			const user = this.io.sockets.sockets.get(socketId)?.data.user;
			if (user) present.add(user.id);
		}
		const items = this.ctx.db
			.select({ id: agendaItems.id })
			.from(agendaItems)
			.where(eq(agendaItems.sittingId, sittingId))
			.all();
		for (const { id } of items)
			for (const userId of this.hub.connectedUsers(id)) present.add(userId);
		return present;
	}

	/**
	 * Sends the sitting's attendance and quorum, at most once per 100 ms per sitting: each list
	 * is a few queries and a message to everyone in the room, and fifteen people leaving at once
	 * made fifteen of them (about 20 ms of the event loop) where one says the same.
	 */
	sendAttendance(sittingId: string): void {
		if (this.closed || this.attendanceDue.has(sittingId)) return;
		const timer = setTimeout(() => {
			this.attendanceDue.delete(sittingId);
			try {
				this.io.to(rooms.sitting(sittingId)).emit('sitting:attendance', {
					sittingId,
					attendance: attendanceList(this.ctx.db, sittingId),
					quorum: quorumStatus(this.ctx.db, sittingId, {
						present: this.presentMembers(sittingId)
					})
				});
			} catch (e) {
				console.error('could not send attendance', e);
			}
		}, ATTENDANCE_EVERY_MS).unref();
		this.attendanceDue.set(sittingId, timer);
	}

	/**
	 * Drops the scheduled attendance lists and boards, and schedules none after: the server is
	 * closing, its sockets' disconnects would schedule more, and the database closes after it.
	 */
	close(): void {
		this.closed = true;
		for (const timer of this.attendanceDue.values()) clearTimeout(timer);
		this.attendanceDue.clear();
		this.board.close();
	}

	sendHands(sittingId: string, speaking?: string): void {
		const hands = handsOf(this.ctx.db, sittingId);
		this.io.to(rooms.sitting(sittingId)).emit('sitting:hands', { sittingId, hands, speaking });
	}

	sendTimer(sittingId: string): void {
		const now = this.ctx.now();
		this.io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('sitting:timer', {
			sittingId,
			timer: timerOf(this.ctx.db, sittingId, now),
			serverNow: now
		});
	}

	sendViewer(sittingId: string): void {
		const viewer = viewerOf(this.ctx.db, sittingId, this.ctx.now());
		this.io.to(rooms.sitting(sittingId)).emit('sitting:viewer', { sittingId, viewer });
	}

	/**
	 * A producer's sockets follow their stage: called on stage they move from the lobby into the
	 * sitting's room and get the full state; off stage they go back to the lobby.
	 */
	async moveProducer(sittingId: string, userId: string): Promise<void> {
		const who = sittingAccess(this.ctx.db, sittingId, userId);
		if (!who || who.role !== 'producer') return;
		const sockets = await this.io.in(rooms.user(userId)).fetchSockets();
		for (const s of sockets) {
			if (!s.rooms.has(rooms.sitting(sittingId)) && !s.rooms.has(lobbyRoom(sittingId))) continue;
			if (who.lobby) {
				s.leave(rooms.sitting(sittingId));
				s.join(lobbyRoom(sittingId));
			} else {
				s.leave(lobbyRoom(sittingId));
				s.join(rooms.sitting(sittingId));
			}
			s.emit('sitting:state', this.snapshot(who));
		}
	}

	/**
	 * Tells the person's clients to leave the video room, and removes them through the room
	 * service so a client that does not listen is out anyway. The sitting goes on when LiveKit
	 * is unreachable: the failure is logged, control does not depend on video.
	 */
	async kickFromVideo(sittingId: string, userId: string, reason: VideoExitReason): Promise<void> {
		this.io.to(rooms.user(userId)).emit('av:leave', { sittingId, reason });
		const livekit = this.ctx.config.livekit;
		if (!livekit) return;
		try {
			await removeFromRoom(livekit, sittingId, userId);
		} catch (e) {
			console.warn(`LiveKit: could not remove ${userId} from sitting ${sittingId}`, e);
			if (reason === 'removed') refuse('internal', 'meeting.errors.videoUnreachable');
		}
	}

	/**
	 * The person's session has ended: unless another of their sessions is still good (another
	 * device), they leave the video room of every sitting in session, through the room service.
	 * A LiveKit token lives its ten minutes whatever happens to the session that asked for it;
	 * the webhook refuses a join made with one afterwards (livekit/webhook.ts).
	 */
	async leaveVideoWithoutSession(userId: string): Promise<void> {
		const livekit = this.ctx.config.livekit;
		if (!livekit || hasValidSession(this.ctx.db, userId, this.ctx.now())) return;
		for (const sittingId of sittingsInSession(this.ctx.db))
			if (sittingAccess(this.ctx.db, sittingId, userId))
				await removeFromRoomOrWarn(livekit, sittingId, userId);
	}

	async muteFromChair(
		sittingId: string,
		userId: string,
		kind: 'audio' | 'video' | 'all'
	): Promise<number> {
		const livekit = this.ctx.config.livekit;
		if (!livekit) refuse('not-found', 'meeting.errors.videoOff');
		try {
			return await muteInRoom(livekit, sittingId, userId, kind);
		} catch (e) {
			console.warn(`LiveKit: could not mute ${userId} in sitting ${sittingId}`, e);
			refuse('internal', 'meeting.errors.videoUnreachable');
		}
	}

	/** Everything that follows an item's move: the shared event, stage changes, timer, viewer. */
	async afterMove(outcome: MoveOutcome): Promise<void> {
		const { event } = outcome;
		const sittingId = event.sittingId;
		this.io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('item:state', event);
		this.sendTimer(sittingId);
		if (isLive(event.state)) this.sendViewer(sittingId);
		for (const userId of outcome.onStage) await this.moveProducer(sittingId, userId);
		for (const userId of outcome.offStage) {
			await this.kickFromVideo(sittingId, userId, 'phase');
			await this.moveProducer(sittingId, userId);
		}
		for (const userId of outcome.recused) await this.kickFromVideo(sittingId, userId, 'conflict');
		// Raised hands left the queue with the move (moveItem): everyone sees the queue.
		if (outcome.recused.length || outcome.handsCleared) this.sendHands(sittingId);
		// Always: the quorum is judged for the live item, whose recused members are not counted.
		this.sendAttendance(sittingId);
	}

	/**
	 * The sitting has ended: everyone in it and in its lobby is told (their pages close chat,
	 * hands and video and take the state again: the items not reached are deferred), the queue
	 * of hands is empty, and the video room closes for all at once.
	 */
	async afterAdjourn(outcome: AdjournOutcome): Promise<void> {
		const { sittingId, at } = outcome;
		const everyone = [rooms.sitting(sittingId), lobbyRoom(sittingId)];
		this.io.to(everyone).emit('sitting:ended', { sittingId, at });
		this.sendHands(sittingId);
		const sockets = await this.io.in(everyone).fetchSockets();
		for (const s of sockets) {
			const who = sittingAccess(this.ctx.db, sittingId, s.data.user.id);
			if (who) s.emit('sitting:state', this.snapshot(who));
		}
		const livekit = this.ctx.config.livekit;
		if (livekit) await closeRoom(livekit, sittingId);
	}

	/**
	 * What follows a conflict of interest once it is stored, whichever path recorded it: the
	 * member's socket command, or a form (the office page, the member's own /member page). Their
	 * open sitting pages take the state again, so chat and the raised hand close while the item
	 * is live; on the live item everyone sees the queue without their hand and they leave the
	 * video room; the chair's board shows them recused.
	 */
	async afterConflict(itemId: string, userId: string): Promise<void> {
		const item = getItem(this.ctx.db, itemId);
		if (!item) return;
		await this.resendState(item.sittingId, userId);
		this.board.touch(itemId);
		if (!isLive(item.state)) return;
		// A member recused on the live item is no longer counted present for its quorum.
		this.sendAttendance(item.sittingId);
		// The hand left the queue in the declaration's transaction (stepOutIfLive).
		this.sendHands(item.sittingId);
		await this.kickFromVideo(item.sittingId, userId, 'conflict');
	}

	/**
	 * Someone's seat on the council changed (role, vote) or was taken away: their connections to
	 * its sittings in session are seated again as a new join would seat them, so a removed member
	 * hears no more of the room (chat, hands, the board's staff feed) and a former chair no
	 * longer watches every card. Their Yjs documents are decided again (the hub), and they leave
	 * the video room: its token carries the old role's grants, and LiveKit renews a connected
	 * client's token as it was. Whoever still sits rejoins with a token of the new role.
	 */
	async afterSeatChange(councilId: string, userId: string): Promise<void> {
		this.hub.recheckUser(userId);
		const sockets = await this.io.in(rooms.user(userId)).fetchSockets();
		for (const sittingId of sittingsInSession(this.ctx.db, councilId)) {
			const who = sittingAccess(this.ctx.db, sittingId, userId);
			const here = [rooms.sitting(sittingId), lobbyRoom(sittingId), rooms.sittingStaff(sittingId)];
			for (const s of sockets) {
				if (!here.some((room) => s.rooms.has(room))) continue;
				for (const room of here) s.leave(room);
				s.emit('av:leave', { sittingId, reason: 'seat' });
				if (!who) continue;
				s.join(who.lobby ? lobbyRoom(sittingId) : rooms.sitting(sittingId));
				if (who.role === 'chair' || who.role === 'secretary') s.join(rooms.sittingStaff(sittingId));
				s.emit('sitting:state', this.snapshot(who));
			}
			const livekit = this.ctx.config.livekit;
			if (livekit) await removeFromRoomOrWarn(livekit, sittingId, userId);
			this.sendAttendance(sittingId);
		}
	}

	/** A form action's change gets the live effects of the socket command that makes it. */
	applyRouteChange(change: RouteChange): Promise<void> | void {
		if (change.kind === 'conflict') return this.afterConflict(change.itemId, change.userId);
		if (change.kind === 'council-seat')
			return this.afterSeatChange(change.councilId, change.userId);
		// Ended sessions: the live-session registry closes those connections itself.
	}

	/** The person's sockets that are in the sitting get its whole state again. */
	private async resendState(sittingId: string, userId: string): Promise<void> {
		const who = sittingAccess(this.ctx.db, sittingId, userId);
		if (!who) return;
		const sockets = await this.io.in(rooms.user(userId)).fetchSockets();
		const inSitting = sockets.filter((s) => s.rooms.has(rooms.sitting(sittingId)));
		if (inSitting.length === 0) return;
		const snapshot = this.snapshot(who);
		for (const s of inSitting) s.emit('sitting:state', snapshot);
	}

	/** The sitting as this person may see it, for a socket that joins or must refresh. */
	snapshot(who: SittingAccess) {
		return snapshotFor(this.ctx.db, who, this.ctx.now(), {
			videoConfigured: !!this.ctx.config.livekit,
			present: this.presentMembers(who.sittingId)
		});
	}
}
