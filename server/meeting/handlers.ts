import { hasControlChars } from '../../src/lib/domain/plain-text';
import { meetingPayloads } from '../../src/lib/protocol/meeting-events';
import { rooms } from '../../src/lib/protocol/socket';
import { requireAccess, requireChair } from '../../src/lib/server/meeting/access';
import { adjournSitting } from '../../src/lib/server/meeting/adjourn';
import { markPresence } from '../../src/lib/server/meeting/attendance';
import { getItem } from '../../src/lib/server/membership';
import * as cmd from '../../src/lib/server/meeting/commands';
import { refuse } from '../../src/lib/server/refusal';
import { chatMessage } from '../../src/lib/server/meeting/state';
import { mintToken } from '../../src/lib/server/livekit/tokens';
import type { LiveSitting } from '../live-sitting';
import type { AppSocket } from '../realtime-types';
import { answer, lobbyRoom } from './context';
import { registerStageHandlers } from './stage';

function parse<T>(
	schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
	payload: unknown
): T {
	const parsed = schema.safeParse(payload);
	return parsed.success ? parsed.data : refuse('bad-request', 'meeting.errors.badRequest');
}

const SITTING_ROOM = /^(sitting|lobby):(.+)$/;

/** Meeting control commands of one connected socket. */
export function registerMeetingHandlers(socket: AppSocket, sitting: LiveSitting): void {
	const payloads = meetingPayloads();
	const { ctx, io } = sitting;
	const user = socket.data.user;
	registerStageHandlers(socket, sitting);

	socket.on('sitting:join', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId } = parse(payloads.join, payload);
			const who = requireAccess(ctx.db, sittingId, user.id);
			await socket.leave(who.lobby ? rooms.sitting(sittingId) : lobbyRoom(sittingId));
			await socket.join(who.lobby ? lobbyRoom(sittingId) : rooms.sitting(sittingId));
			if (who.role === 'chair' || who.role === 'secretary')
				await socket.join(rooms.sittingStaff(sittingId));
			// Out of session (adjourned), markPresence adds no one: the register stays as it ended.
			markPresence(ctx.db, sittingId, user.id, 'socket', 'arrived', ctx.now());
			sitting.sendAttendance(sittingId);
			return sitting.snapshot(who);
		})
	);

	socket.on('sitting:leave', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId } = parse(payloads.sitting, payload);
			// Only a socket that joined (access checked) leaves: anyone else would otherwise write
			// the attendance register of a sitting they may not even see.
			const inside =
				socket.rooms.has(rooms.sitting(sittingId)) || socket.rooms.has(lobbyRoom(sittingId));
			await socket.leave(rooms.sitting(sittingId));
			await socket.leave(lobbyRoom(sittingId));
			await socket.leave(rooms.sittingStaff(sittingId));
			if (inside) await leftSitting(sitting, user.id, sittingId);
			return null;
		})
	);

	socket.on('item:move', (payload, ack) =>
		answer(socket, ack, async () => {
			const { itemId, to } = parse(payloads.move, payload);
			const item = getItem(ctx.db, itemId);
			const present = item ? sitting.presentMembers(item.sittingId) : [];
			const outcome = cmd.moveItem(ctx.db, user.id, itemId, to, ctx.now(), present);
			await sitting.afterMove(outcome);
			return null;
		})
	);

	socket.on('hand:raise', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(payloads.sitting, payload);
			cmd.raiseHand(ctx.db, user.id, sittingId, ctx.now());
			sitting.sendHands(sittingId);
			return null;
		})
	);

	socket.on('hand:lower', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, userId } = parse(payloads.av.partial({ userId: true }), payload);
			cmd.lowerHand(ctx.db, user.id, sittingId, userId);
			sitting.sendHands(sittingId);
			return null;
		})
	);

	socket.on('hand:next', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(payloads.handNext, payload);
			const { next } = cmd.nextHand(ctx.db, user.id, sittingId);
			sitting.sendHands(sittingId, next?.userId);
			return next;
		})
	);

	socket.on('chat:send', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, text } = parse(payloads.chat, payload);
			// One-line chat: no control character has a place in it (NUL, escapes, line breaks).
			if (hasControlChars(text)) refuse('bad-request', 'meeting.errors.controlChars');
			const id = cmd.sendChat(ctx.db, user.id, sittingId, text, ctx.now());
			const message = chatMessage(ctx.db, id);
			io.to(rooms.sitting(sittingId)).emit('sitting:chat', { sittingId, message });
			return message;
		})
	);

	socket.on('viewer:page', (payload, ack) =>
		answer(socket, ack, () => {
			const { itemId, fileId, page } = parse(payloads.viewer, payload);
			const sittingId = cmd.turnPage(ctx.db, user.id, itemId, fileId, page, ctx.now());
			sitting.sendViewer(sittingId);
			return null;
		})
	);

	socket.on('timer', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId, action } = parse(payloads.timer, payload);
			cmd.timerAction(ctx.db, user.id, sittingId, action, ctx.now());
			sitting.sendTimer(sittingId);
			return null;
		})
	);

	socket.on('livekit:token', (payload, ack) =>
		answer(socket, ack, () => {
			const { sittingId } = parse(payloads.sitting, payload);
			return mintToken(ctx.db, ctx.config.livekit, user, sittingId);
		})
	);

	socket.on('av:mute', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId, userId, kind } = parse(payloads.av, payload);
			requireChair(ctx.db, sittingId, user.id);
			return { muted: await sitting.muteFromChair(sittingId, userId, kind ?? 'audio') };
		})
	);

	socket.on('av:remove', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId, userId } = parse(payloads.av, payload);
			requireChair(ctx.db, sittingId, user.id);
			await sitting.kickFromVideo(sittingId, userId, 'removed');
			return null;
		})
	);

	socket.on('conflict:declare', (payload, ack) =>
		answer(socket, ack, async () => {
			const { itemId, reason } = parse(payloads.conflict, payload);
			cmd.declareConflict(ctx.db, user.id, itemId, reason, ctx.now());
			await sitting.afterConflict(itemId, user.id);
			return null;
		})
	);

	socket.on('sitting:adjourn', (payload, ack) =>
		answer(socket, ack, async () => {
			const { sittingId } = parse(payloads.sitting, payload);
			const outcome = adjournSitting(ctx.db, user.id, sittingId, ctx.now());
			await sitting.afterAdjourn(outcome);
			return { deferred: outcome.deferred.length };
		})
	);

	socket.on('disconnecting', () => {
		const sittings = new Set<string>();
		for (const room of socket.rooms) {
			const match = SITTING_ROOM.exec(room);
			if (match) sittings.add(match[2]);
		}
		socket.once('disconnect', (reason) => {
			// A restart is not a departure: attendance stays as it was until clients return.
			if (reason === 'server shutting down') return;
			for (const sittingId of sittings) void leftSitting(sitting, user.id, sittingId);
		});
	});
}

/** Present through the socket while any of the person's sockets is still in the sitting. */
async function leftSitting(sitting: LiveSitting, userId: string, sittingId: string): Promise<void> {
	const others = await sitting.io.in(rooms.user(userId)).fetchSockets();
	const stillHere = others.some(
		(other) => other.rooms.has(rooms.sitting(sittingId)) || other.rooms.has(lobbyRoom(sittingId))
	);
	if (stillHere) return;
	try {
		markPresence(sitting.ctx.db, sittingId, userId, 'socket', 'left', sitting.ctx.now());
		sitting.sendAttendance(sittingId);
	} catch (e) {
		// The database may already be closed during shutdown; attendance then stays as it was.
		console.error('could not record a departure', e);
	}
}
