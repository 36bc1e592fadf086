import { rooms } from '../../src/lib/protocol/socket';
import { sittingAccess } from '../../src/lib/server/meeting/access';
import { attendanceList, quorumStatus } from '../../src/lib/server/meeting/attendance';
import { handsOf, snapshotFor, timerOf, viewerOf } from '../../src/lib/server/meeting/state';
import type { RealtimeDeps } from '../socket';
import { lobbyRoom } from './context';

/** Attendance changes in bursts (a council arrives, or leaves, together): one list per burst. */
const ATTENDANCE_EVERY_MS = 100;
const pendingAttendance = new WeakMap<RealtimeDeps['io'], Set<string>>();

/**
 * Sends the sitting's attendance and quorum, at most once per 100 ms per sitting: each list is a
 * few queries and a message to everyone in the room, and fifteen people leaving at once made
 * fifteen of them (about 20 ms of the event loop) where one says the same.
 */
export function sendAttendance({ ctx, io }: RealtimeDeps, sittingId: string): void {
	let pending = pendingAttendance.get(io);
	if (!pending) pendingAttendance.set(io, (pending = new Set()));
	if (pending.has(sittingId)) return;
	pending.add(sittingId);
	setTimeout(() => {
		pending.delete(sittingId);
		try {
			io.to(rooms.sitting(sittingId)).emit('sitting:attendance', {
				sittingId,
				attendance: attendanceList(ctx.db, sittingId),
				quorum: quorumStatus(ctx.db, sittingId)
			});
		} catch (e) {
			// During shutdown the database may be closed already; the next join sends it again.
			console.error('could not send attendance', e);
		}
	}, ATTENDANCE_EVERY_MS).unref();
}

export function sendHands({ ctx, io }: RealtimeDeps, sittingId: string, speaking?: string): void {
	io.to(rooms.sitting(sittingId)).emit('sitting:hands', {
		sittingId,
		hands: handsOf(ctx.db, sittingId),
		speaking
	});
}

export function sendTimer({ ctx, io }: RealtimeDeps, sittingId: string): void {
	const now = ctx.now();
	io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('sitting:timer', {
		sittingId,
		timer: timerOf(ctx.db, sittingId, now),
		serverNow: now
	});
}

export function sendViewer({ ctx, io }: RealtimeDeps, sittingId: string): void {
	io.to(rooms.sitting(sittingId)).emit('sitting:viewer', {
		sittingId,
		viewer: viewerOf(ctx.db, sittingId, ctx.now())
	});
}

/**
 * A producer's sockets follow their stage: called on stage they move from the lobby into the
 * sitting's room and get the full state; off stage they go back to the lobby.
 */
export async function moveProducer(
	deps: RealtimeDeps,
	sittingId: string,
	userId: string
): Promise<void> {
	const { ctx, io } = deps;
	const who = sittingAccess(ctx.db, sittingId, userId);
	if (!who || who.role !== 'producer') return;
	const sockets = await io.in(rooms.user(userId)).fetchSockets();
	for (const s of sockets) {
		if (!s.rooms.has(rooms.sitting(sittingId)) && !s.rooms.has(lobbyRoom(sittingId))) continue;
		if (who.lobby) {
			s.leave(rooms.sitting(sittingId));
			s.join(lobbyRoom(sittingId));
		} else {
			s.leave(lobbyRoom(sittingId));
			s.join(rooms.sitting(sittingId));
		}
		s.emit('sitting:state', snapshotFor(ctx.db, who, ctx.now(), !!ctx.config.livekit));
	}
}
