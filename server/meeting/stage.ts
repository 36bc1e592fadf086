import { meetingPayloads } from '../../src/lib/protocol/meeting-events';
import { rooms } from '../../src/lib/protocol/socket';
import { refuse } from '../../src/lib/server/refusal';
import { setStagePin } from '../../src/lib/server/meeting/stage-pin';
import type { LiveSitting } from '../live-sitting';
import type { AppSocket } from '../realtime-types';
import { answer } from './context';

/** The chair's pin for everyone: stored (late joiners and reconnects read it), then broadcast. */
export function registerStageHandlers(socket: AppSocket, sitting: LiveSitting): void {
	const payloads = meetingPayloads();
	const { ctx, io } = sitting;
	socket.on('stage:pin', (payload, ack) =>
		answer(socket, ack, () => {
			const parsed = payloads.stagePin.safeParse(payload);
			if (!parsed.success) refuse('bad-request', 'meeting.errors.badRequest');
			const { sittingId, userId, kind } = parsed.data;
			const pin = userId ? { userId, kind: kind ?? ('camera' as const) } : null;
			const stored = setStagePin(ctx.db, socket.data.user.id, sittingId, pin, ctx.now());
			io.to(rooms.sitting(sittingId)).emit('sitting:stage', { sittingId, pin: stored });
			return stored;
		})
	);
}
