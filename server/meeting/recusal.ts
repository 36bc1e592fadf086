import { isLive } from '../../src/lib/domain/meeting';
import { rooms } from '../../src/lib/protocol/socket';
import { sittingAccess } from '../../src/lib/server/meeting/access';
import { snapshotFor } from '../../src/lib/server/meeting/state';
import { getItem } from '../../src/lib/server/membership';
import type { RealtimeDeps } from '../socket';
import { boardFeed } from '../scoring/board-feed';
import { sendHands } from './broadcast';
import { kickFromVideo } from './video';

/**
 * What follows a conflict of interest once it is stored, whichever path recorded it: the
 * member's socket command, or a form (the office page, the member's own /member page). Their
 * open sitting pages take the state again, so chat and the raised hand close while the item is
 * live; on the live item everyone sees the queue without their hand and they leave the video
 * room; the chair's board shows them recused.
 */
export async function afterConflict(
	deps: RealtimeDeps,
	itemId: string,
	userId: string
): Promise<void> {
	const item = getItem(deps.ctx.db, itemId);
	if (!item) return;
	await resendState(deps, item.sittingId, userId);
	boardFeed(deps).touch(itemId);
	if (!isLive(item.state)) return;
	// The hand left the queue in the declaration's transaction (stepOutIfLive).
	sendHands(deps, item.sittingId);
	await kickFromVideo(deps, item.sittingId, userId, 'conflict');
}

/** The person's sockets that are in the sitting get its whole state again. */
async function resendState(deps: RealtimeDeps, sittingId: string, userId: string): Promise<void> {
	const { ctx, io } = deps;
	const who = sittingAccess(ctx.db, sittingId, userId);
	if (!who) return;
	const sockets = await io.in(rooms.user(userId)).fetchSockets();
	const inSitting = sockets.filter((s) => s.rooms.has(rooms.sitting(sittingId)));
	if (inSitting.length === 0) return;
	const snapshot = snapshotFor(ctx.db, who, ctx.now(), !!ctx.config.livekit);
	for (const s of inSitting) s.emit('sitting:state', snapshot);
}
