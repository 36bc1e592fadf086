import { hasControlChars } from '../../src/lib/domain/plain-text';
import { meetingPayloads } from '../../src/lib/protocol/meeting-events';
import { rooms } from '../../src/lib/protocol/socket';
import { requireAccess, requireChair } from '../../src/lib/server/meeting/access';
import { markPresence } from '../../src/lib/server/meeting/attendance';
import * as cmd from '../../src/lib/server/meeting/commands';
import { refuse } from '../../src/lib/server/meeting/errors';
import { chatMessage, snapshotFor } from '../../src/lib/server/meeting/state';
import { mintToken } from '../../src/lib/server/livekit/tokens';
import type { AppSocket, RealtimeDeps } from '../socket';
import { sendAttendance, sendHands, sendTimer, sendViewer } from './broadcast';
import { answer, lobbyRoom, rememberIo } from './context';
import { afterConflict } from './recusal';
import { registerStageHandlers } from './stage';
import { afterMove, kickFromVideo, muteFromChair } from './video';

function parse<T>(
	schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
	v: unknown
): T {
	const r = schema.safeParse(v);
	return r.success ? r.data : refuse('bad-request', 'badRequest');
}

const SITTING_ROOM = /^(sitting|lobby):(.+)$/;

/** Meeting control commands of one connected socket. */
export function registerMeetingHandlers(socket: AppSocket, deps: RealtimeDeps): void {
	const P = meetingPayloads();
	const { ctx } = deps;
	const user = socket.data.user;
	rememberIo(ctx, deps.io);
	registerStageHandlers(socket, deps);

	socket.on('sitting:join', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId } = parse(P.join, payload);
			const who = requireAccess(ctx.db, sittingId, user.id);
			await socket.leave(who.lobby ? rooms.sitting(sittingId) : lobbyRoom(sittingId));
			await socket.join(who.lobby ? lobbyRoom(sittingId) : rooms.sitting(sittingId));
			if (who.role === 'chair' || who.role === 'secretary')
				await socket.join(rooms.sittingStaff(sittingId));
			markPresence(ctx.db, sittingId, user.id, 'socket', true, ctx.now());
			sendAttendance(deps, sittingId);
			return snapshotFor(ctx.db, who, ctx.now(), !!ctx.config.livekit);
		})
	);

	socket.on('sitting:leave', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId } = parse(P.sitting, payload);
			// Only a socket that joined (access checked) leaves: anyone else would otherwise write
			// the attendance register of a sitting they may not even see.
			const inside =
				socket.rooms.has(rooms.sitting(sittingId)) || socket.rooms.has(lobbyRoom(sittingId));
			await socket.leave(rooms.sitting(sittingId));
			await socket.leave(lobbyRoom(sittingId));
			await socket.leave(rooms.sittingStaff(sittingId));
			if (inside) await leftSitting(deps, user.id, sittingId);
			return null;
		})
	);

	socket.on('item:move', (payload, ack) =>
		answer(socket, ack, async () => {
			const { itemId, to } = parse(P.move, payload);
			const outcome = cmd.moveItem(ctx.db, user.id, itemId, to, ctx.now());
			await afterMove(deps, outcome);
			return null;
		})
	);

	socket.on('hand:raise', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(P.sitting, payload);
			cmd.raiseHand(ctx.db, user.id, sittingId, ctx.now());
			sendHands(deps, sittingId);
			return null;
		})
	);

	socket.on('hand:lower', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, userId } = parse(P.av.partial({ userId: true }), payload);
			cmd.lowerHand(ctx.db, user.id, sittingId, userId);
			sendHands(deps, sittingId);
			return null;
		})
	);

	socket.on('hand:next', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(P.handNext, payload);
			const { next } = cmd.nextHand(ctx.db, user.id, sittingId);
			sendHands(deps, sittingId, next?.userId);
			return next;
		})
	);

	socket.on('chat:send', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, text } = parse(P.chat, payload);
			// One-line chat: no control character has a place in it (NUL, escapes, line breaks).
			if (hasControlChars(text)) refuse('bad-request', 'controlChars');
			const id = cmd.sendChat(ctx.db, user.id, sittingId, text, ctx.now());
			const message = chatMessage(ctx.db, id);
			deps.io.to(rooms.sitting(sittingId)).emit('sitting:chat', { sittingId, message });
			return message;
		})
	);

	socket.on('viewer:page', (payload, ack) =>
		answer(socket, ack, () => {
			const { itemId, fileId, page } = parse(P.viewer, payload);
			const sittingId = cmd.turnPage(ctx.db, user.id, itemId, fileId, page, ctx.now());
			sendViewer(deps, sittingId);
			return null;
		})
	);

	socket.on('timer', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, action } = parse(P.timer, payload);
			cmd.timerAction(ctx.db, user.id, sittingId, action, ctx.now());
			sendTimer(deps, sittingId);
			return null;
		})
	);

	socket.on('livekit:token', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(P.sitting, payload);
			return mintToken(ctx.db, ctx.config.livekit, user, sittingId);
		})
	);

	socket.on('av:mute', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId, userId, kind } = parse(P.av, payload);
			requireChair(ctx.db, sittingId, user.id);
			return { muted: await muteFromChair(deps, sittingId, userId, kind ?? 'audio') };
		})
	);

	socket.on('av:remove', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId, userId } = parse(P.av, payload);
			requireChair(ctx.db, sittingId, user.id);
			await kickFromVideo(deps, sittingId, userId, 'removed');
			return null;
		})
	);

	socket.on('conflict:declare', (payload, ack) =>
		answer(socket, ack, async () => {
			const { itemId, reason } = parse(P.conflict, payload);
			cmd.declareConflict(ctx.db, user.id, itemId, reason, ctx.now());
			await afterConflict(deps, itemId, user.id);
			return null;
		})
	);

	socket.on('disconnecting', () => {
		const sittings = new Set<string>();
		for (const room of socket.rooms) {
			const m = SITTING_ROOM.exec(room);
			if (m) sittings.add(m[2]);
		}
		socket.once('disconnect', (reason) => {
			// A restart is not a departure: attendance stays as it was until clients return.
			if (reason === 'server shutting down') return;
			for (const sittingId of sittings) void leftSitting(deps, user.id, sittingId);
		});
	});
}

/** Present through the socket while any of the person's sockets is still in the sitting. */
async function leftSitting(deps: RealtimeDeps, userId: string, sittingId: string): Promise<void> {
	const others = await deps.io.in(rooms.user(userId)).fetchSockets();
	const stillHere = others.some(
		(s) => s.rooms.has(rooms.sitting(sittingId)) || s.rooms.has(lobbyRoom(sittingId))
	);
	if (stillHere) return;
	try {
		markPresence(deps.ctx.db, sittingId, userId, 'socket', false, deps.ctx.now());
		sendAttendance(deps, sittingId);
	} catch (e) {
		// The database may already be closed during shutdown; attendance then stays as it was.
		console.error('could not record a departure', e);
	}
}
