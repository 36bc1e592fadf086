import { and, eq, ne } from 'drizzle-orm';
import { byCouncilRole } from '../../domain/council-order';
import { inSession } from '../../domain/meeting';
import { quorumOf } from '../../domain/quorum';
import type { AttendanceEntry, QuorumStatus } from '../../protocol/meeting-events';
import type { Q } from '../db/client';
import { councilMembers, meetingAttendance, sittings, users } from '../db/schema';
import { councilSeats, itemSeats } from '../membership';
import { councilQuorum } from './access';
import { liveItemOf } from './live-item';

export type PresenceVia = 'socket' | 'video';

/**
 * Records that a person arrived or left through the control socket or the video room. Arrivals
 * count only while the sitting is in session (published or open): the register of a draft or
 * adjourned sitting gains no one; those still connected when it was adjourned may still leave.
 */
export function markPresence(
	db: Q,
	sittingId: string,
	userId: string,
	via: PresenceVia,
	movement: 'arrived' | 'left',
	now: number
): void {
	const present = movement === 'arrived';
	if (present) {
		const state = db
			.select({ state: sittings.state })
			.from(sittings)
			.where(eq(sittings.id, sittingId))
			.get()?.state;
		if (!inSession(state)) return;
	}
	const flag = via === 'socket' ? { viaSocket: present } : { viaVideo: present };
	const column = via === 'socket' ? meetingAttendance.viaSocket : meetingAttendance.viaVideo;
	db.insert(meetingAttendance)
		.values({ sittingId, userId, ...flag, firstSeenAt: now, changedAt: now })
		.onConflictDoUpdate({
			target: [meetingAttendance.sittingId, meetingAttendance.userId],
			set: { ...flag, changedAt: now },
			// Already so (a second tab, a watch after a join): nothing changed, nothing written.
			setWhere: ne(column, present)
		})
		.run();
}

/** Everyone on video leaves at once when LiveKit closes the room. */
export function clearVideoPresence(db: Q, sittingId: string, now: number): void {
	db.update(meetingAttendance)
		.set({ viaVideo: false, changedAt: now })
		.where(and(eq(meetingAttendance.sittingId, sittingId), eq(meetingAttendance.viaVideo, true)))
		.run();
}

function rows(db: Q, sittingId: string) {
	return db
		.select()
		.from(meetingAttendance)
		.where(eq(meetingAttendance.sittingId, sittingId))
		.all();
}

function councilOf(db: Q, sittingId: string): string | null {
	const s = db
		.select({ councilId: sittings.councilId })
		.from(sittings)
		.where(eq(sittings.id, sittingId))
		.get();
	return s?.councilId ?? null;
}

/**
 * Attendance for quorum, as the rules count it: voting members of the council present now
 * (through the control socket or the video room). `presentIds` are the present voting members.
 * Issue 6 calls this when an item is closed.
 */
export function getAttendance(
	db: Q,
	sittingId: string
): { members: number; present: number; chairPresent: boolean; presentIds: string[] } {
	const councilId = councilOf(db, sittingId);
	if (!councilId) return { members: 0, present: 0, chairPresent: false, presentIds: [] };
	const members = db
		.select({
			userId: councilMembers.userId,
			role: councilMembers.role,
			voting: councilMembers.voting
		})
		.from(councilMembers)
		.where(eq(councilMembers.councilId, councilId))
		.all();
	const here = new Set(
		rows(db, sittingId)
			.filter((r) => r.viaSocket || r.viaVideo)
			.map((r) => r.userId)
	);
	const voting = members.filter((m) => m.voting);
	const presentIds = voting.filter((m) => here.has(m.userId)).map((m) => m.userId);
	return {
		members: voting.length,
		present: presentIds.length,
		chairPresent: members.some((m) => m.role === 'chair' && here.has(m.userId)),
		presentIds
	};
}

/**
 * Rule 1 as the sitting stands now, for its live item (or `itemId`, the item about to open):
 * that item's recused members are out of the room for it, so not present (domain/quorum.ts
 * quorumOf, which the close and the board use too). Present means in the attendance register or
 * in `present`, the live server's own connections (LiveSitting.presentMembers), so that the
 * header, opening scoring and closing count the same people.
 */
export function quorumStatus(
	db: Q,
	sittingId: string,
	opts: { present?: Iterable<string>; itemId?: string } = {}
): QuorumStatus {
	const councilId = councilOf(db, sittingId);
	const itemId = opts.itemId ?? liveItemOf(db, sittingId)?.id ?? null;
	if (!councilId)
		return {
			members: 0,
			present: 0,
			required: 0,
			chairPresent: false,
			quorate: false,
			itemId,
			recused: 0
		};
	const seats = itemSeats(db, councilId, itemId);
	const here = new Set(getAttendance(db, sittingId).presentIds);
	for (const userId of opts.present ?? []) here.add(userId);
	const q = quorumOf(seats, here, councilQuorum(db, councilId));
	return {
		members: q.members,
		present: q.present,
		required: q.required,
		chairPresent: q.chairPresent,
		quorate: q.quorate,
		itemId,
		recused: q.recusedPresent
	};
}

/** The council's members (present or not) and any producer who came, for the attendance panel. */
export function attendanceList(db: Q, sittingId: string): AttendanceEntry[] {
	const councilId = councilOf(db, sittingId);
	if (!councilId) return [];
	const seen = new Map(rows(db, sittingId).map((r) => [r.userId, r]));
	const members = councilSeats(db, councilId).map(({ userId, role, voting, name }) => ({
		userId,
		role,
		voting,
		name
	}));
	const list: AttendanceEntry[] = members.map((m) => {
		const r = seen.get(m.userId);
		return { ...m, present: !!r && (r.viaSocket || r.viaVideo), video: !!r?.viaVideo };
	});
	const memberIds = new Set(members.map((m) => m.userId));
	for (const r of seen.values()) {
		if (memberIds.has(r.userId) || !(r.viaSocket || r.viaVideo)) continue;
		const u = db.select({ name: users.name }).from(users).where(eq(users.id, r.userId)).get();
		list.push({
			userId: r.userId,
			name: u?.name ?? '',
			role: 'producer',
			voting: false,
			present: true,
			video: r.viaVideo
		});
	}
	// In the order every page draws it (the pages no longer sort).
	return byCouncilRole(list);
}
