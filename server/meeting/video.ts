import { rooms } from '../../src/lib/protocol/socket';
import { isLive } from '../../src/lib/domain/meeting';
import type { MoveOutcome } from '../../src/lib/server/meeting/commands';
import { refuse } from '../../src/lib/server/meeting/errors';
import { muteInRoom, removeFromRoom } from '../../src/lib/server/livekit/room-service';
import type { RealtimeDeps } from '../socket';
import { moveProducer, sendAttendance, sendHands, sendTimer, sendViewer } from './broadcast';
import { lobbyRoom } from './context';

/**
 * Tells the person's clients to leave the video room, and removes them through the room
 * service so a client that does not listen is out anyway. The sitting goes on when LiveKit is
 * unreachable: the failure is logged, control does not depend on video.
 */
export async function kickFromVideo(
	deps: RealtimeDeps,
	sittingId: string,
	userId: string,
	reason: 'phase' | 'conflict' | 'removed'
): Promise<void> {
	deps.io.to(rooms.user(userId)).emit('av:leave', { sittingId, reason });
	const livekit = deps.ctx.config.livekit;
	if (!livekit) return;
	try {
		await removeFromRoom(livekit, sittingId, userId);
	} catch (e) {
		console.warn(`LiveKit: could not remove ${userId} from sitting ${sittingId}`, e);
		if (reason === 'removed') refuse('internal', 'videoUnreachable');
	}
}

export async function muteFromChair(
	deps: RealtimeDeps,
	sittingId: string,
	userId: string,
	kind: 'audio' | 'video' | 'all'
): Promise<number> {
	const livekit = deps.ctx.config.livekit;
	if (!livekit) refuse('not-found', 'videoOff');
	try {
		return await muteInRoom(livekit, sittingId, userId, kind);
	} catch (e) {
		console.warn(`LiveKit: could not mute ${userId} in sitting ${sittingId}`, e);
		refuse('internal', 'videoUnreachable');
	}
}

/** Everything that follows an item's move: the shared event, stage changes, timer, viewer. */
export async function afterMove(deps: RealtimeDeps, outcome: MoveOutcome): Promise<void> {
	const { event } = outcome;
	const sittingId = event.sittingId;
	deps.io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('item:state', event);
	sendTimer(deps, sittingId);
	if (isLive(event.state)) sendViewer(deps, sittingId);
	for (const userId of outcome.onStage) await moveProducer(deps, sittingId, userId);
	for (const userId of outcome.offStage) {
		await kickFromVideo(deps, sittingId, userId, 'phase');
		await moveProducer(deps, sittingId, userId);
	}
	for (const userId of outcome.recused) await kickFromVideo(deps, sittingId, userId, 'conflict');
	// Their raised hands left the queue with the move (moveItem): everyone sees the queue as it is.
	if (outcome.recused.length) sendHands(deps, sittingId);
	if (outcome.offStage.length || outcome.onStage.length) sendAttendance(deps, sittingId);
}
