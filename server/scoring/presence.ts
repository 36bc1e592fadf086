import { eq } from 'drizzle-orm';
import { rooms } from '../../src/lib/protocol/socket';
import { agendaItems } from '../../src/lib/server/db/schema';
import { getAttendance } from '../../src/lib/server/meeting/attendance';
import type { RealtimeDeps } from '../socket';
import { yjsHub } from '../yjs/hub';

/**
 * Who is in the sitting now, for quorum at close and "connected" on the board: the meeting
 * area's attendance register (control socket or video room), plus anyone with a live connection
 * here — a socket in the sitting's room or an open Yjs document of one of its items — so a
 * member scoring on a phone without the video page still counts. Swap this one function.
 */
export function presentMembers(deps: RealtimeDeps, sittingId: string): Set<string> {
	const present = new Set<string>(getAttendance(deps.ctx.db, sittingId).presentIds);
	const room = deps.io.sockets.adapter.rooms.get(rooms.sitting(sittingId));
	for (const socketId of room ?? []) {
		const user = deps.io.sockets.sockets.get(socketId)?.data.user;
		if (user) present.add(user.id);
	}
	const hub = yjsHub(deps.ctx);
	const items = deps.ctx.db
		.select({ id: agendaItems.id })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.all();
	for (const { id } of items) for (const userId of hub.connectedUsers(id)) present.add(userId);
	return present;
}

/** Whether the council's chair is present (the rating checks it with quorum). */
export function chairPresent(deps: RealtimeDeps, sittingId: string, chairId: string): boolean {
	return presentMembers(deps, sittingId).has(chairId);
}
