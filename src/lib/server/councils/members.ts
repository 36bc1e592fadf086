// Who sits on a council, in which role, voting or not: one chair per council.
import { and, eq } from 'drizzle-orm';
import type { CouncilRole } from '../../domain/meeting';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { councilMembers, users } from '../db/schema';
import { getCouncil } from './council';
import { councilSeats } from '../membership';
import { refuse } from '../refusal';

/** By role, then name (code point order, as SQLite's ordering gave it). */
export function listMembers(db: Q, councilId: string) {
	const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return councilSeats(db, councilId)
		.map(({ userId, name, email, role, voting, title }) => ({
			userId,
			name,
			email,
			role,
			voting,
			title
		}))
		.sort((a, b) => order(a.role, b.role) || order(a.name, b.name));
}

/** Adds a member account (or an office account as secretary); one chair per council. */
export function addMember(
	db: Db,
	user: SessionUser,
	councilId: string,
	input: { email: string; role: CouncilRole; voting: boolean; title: string },
	now: number
) {
	getCouncil(db, councilId);
	const person = db.select().from(users).where(eq(users.email, input.email.toLowerCase())).get();
	if (!person || person.disabled) refuse('bad-request', 'council.errors.noSuchPerson');
	const allowed =
		person.role === 'member' || (input.role === 'secretary' && person.role === 'office');
	if (!allowed) refuse('bad-request', 'council.errors.notMemberAccount');
	const members = listMembers(db, councilId);
	if (members.some((m) => m.userId === person.id))
		refuse('bad-request', 'council.errors.alreadyMember');
	if (input.role === 'chair' && members.some((m) => m.role === 'chair'))
		refuse('bad-request', 'council.errors.oneChair');
	db.transaction((tx) => {
		tx.insert(councilMembers)
			.values({
				councilId,
				userId: person.id,
				role: input.role,
				voting: input.voting,
				title: input.title || null
			})
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'council.member-add',
				subject: councilId,
				detail: { userId: person.id, role: input.role, voting: input.voting }
			},
			now
		);
	});
}

/**
 * Changes a member's council role, voting flag or title; the one-chair rule still holds. Returns
 * whether the seat itself changed (role or vote, not only the title): the live sitting must then
 * seat the person again (live-effects.ts 'council-seat').
 */
export function updateMember(
	db: Db,
	user: SessionUser,
	councilId: string,
	userId: string,
	input: { role: CouncilRole; voting: boolean; title: string },
	now: number
) {
	const members = listMembers(db, councilId);
	const member = members.find((m) => m.userId === userId);
	if (!member) refuse('bad-request', 'council.errors.noSuchPerson');
	const person = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
	if (person?.role === 'office' && input.role !== 'secretary')
		refuse('bad-request', 'council.errors.notMemberAccount');
	if (input.role === 'chair' && members.some((m) => m.role === 'chair' && m.userId !== userId))
		refuse('bad-request', 'council.errors.oneChair');
	db.transaction((tx) => {
		tx.update(councilMembers)
			.set({ role: input.role, voting: input.voting, title: input.title || null })
			.where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.userId, userId)))
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'council.member-update',
				subject: councilId,
				detail: { userId, from: { role: member.role, voting: member.voting }, to: input }
			},
			now
		);
	});
	return member.role !== input.role || member.voting !== input.voting;
}

export function removeMember(
	db: Db,
	user: SessionUser,
	councilId: string,
	userId: string,
	now: number
) {
	db.transaction((tx) => {
		const { changes } = tx
			.delete(councilMembers)
			.where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.userId, userId)))
			.run();
		// Removing someone who is not on the council is a mistake to say, not a change to audit.
		if (changes === 0) refuse('not-found', 'council.errors.notFound');
		audit(
			tx,
			{ actorId: user.id, action: 'council.member-remove', subject: councilId, detail: { userId } },
			now
		);
	});
}
