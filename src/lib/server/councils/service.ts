import { randomUUID } from 'node:crypto';
import { notify } from '../notifications';
import { sittingInvitees } from '../notifications/recipients';
import { and, count, desc, eq, max } from 'drizzle-orm';
import type { CouncilLevel, CouncilRole } from '../../domain/meeting';
import { lessThanOneWorkingDayBefore } from '../../domain/working-days';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, councilMembers, councils, rounds, sittings, users } from '../db/schema';
import { DomainError } from '../dossiers/errors';
import { councilSeats } from '../membership';
import type { Paging } from '../paging';
import { textMatches } from '../db/search';

export interface CouncilInput {
	level: CouncilLevel;
	name: string;
	authority: string;
	place: string;
	quorumNum: number;
	quorumDen: number;
	maxSpreadHundredths: number;
	blindScoring: boolean;
}

export function listCouncils(db: Q, paging: Paging) {
	const where = paging.q ? textMatches(paging.q, councils.name) : undefined;
	const rows = db
		.select()
		.from(councils)
		.where(where)
		.orderBy(desc(councils.createdAt))
		.limit(paging.limit)
		.offset(paging.offset)
		.all();
	const total = db.select({ n: count() }).from(councils).where(where).get()!.n;
	return { rows, total };
}

export function getCouncil(db: Q, id: string) {
	const council = db.select().from(councils).where(eq(councils.id, id)).get();
	if (!council) throw new DomainError('council.errors.notFound', {}, 404);
	return council;
}

export function createCouncil(db: Db, user: SessionUser, input: CouncilInput, now: number) {
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(councils)
			.values({ id, ...input, createdAt: now })
			.run();
		audit(tx, { actorId: user.id, action: 'council.create', subject: id, detail: input }, now);
	});
	return id;
}

export function updateCouncil(
	db: Db,
	user: SessionUser,
	id: string,
	input: CouncilInput,
	now: number
) {
	getCouncil(db, id);
	db.transaction((tx) => {
		tx.update(councils).set(input).where(eq(councils.id, id)).run();
		audit(tx, { actorId: user.id, action: 'council.update', subject: id, detail: input }, now);
	});
}

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
	if (!person || person.disabled) throw new DomainError('council.errors.noSuchPerson');
	const allowed =
		person.role === 'member' || (input.role === 'secretary' && person.role === 'office');
	if (!allowed) throw new DomainError('council.errors.notMemberAccount');
	const members = listMembers(db, councilId);
	if (members.some((m) => m.userId === person.id))
		throw new DomainError('council.errors.alreadyMember');
	if (input.role === 'chair' && members.some((m) => m.role === 'chair'))
		throw new DomainError('council.errors.oneChair');
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

/** Changes a member's council role, voting flag or title; the one-chair rule still holds. */
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
	if (!member) throw new DomainError('council.errors.noSuchPerson');
	const person = db.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
	if (person?.role === 'office' && input.role !== 'secretary')
		throw new DomainError('council.errors.notMemberAccount');
	if (input.role === 'chair' && members.some((m) => m.role === 'chair' && m.userId !== userId))
		throw new DomainError('council.errors.oneChair');
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
		if (changes === 0) throw new DomainError('council.errors.notFound', {}, 404);
		audit(
			tx,
			{ actorId: user.id, action: 'council.member-remove', subject: councilId, detail: { userId } },
			now
		);
	});
}

export function listRounds(db: Q, councilId: string) {
	return db
		.select()
		.from(rounds)
		.where(eq(rounds.councilId, councilId))
		.orderBy(desc(rounds.year), desc(rounds.number))
		.all();
}

export function createRound(
	db: Db,
	user: SessionUser,
	councilId: string,
	input: { year: number; number: number; name: string; cutoffDate: string },
	now: number
) {
	getCouncil(db, councilId);
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(rounds)
			.values({ id, councilId, ...input, createdAt: now })
			.run();
		audit(
			tx,
			{ actorId: user.id, action: 'round.create', subject: id, detail: { councilId, ...input } },
			now
		);
	});
	return id;
}

export function listSittings(db: Q, councilId: string) {
	return db
		.select()
		.from(sittings)
		.where(eq(sittings.councilId, councilId))
		.orderBy(desc(sittings.startsAt))
		.all();
}

export function createSitting(
	db: Db,
	user: SessionUser,
	councilId: string,
	input: { roundId: string; title: string; startsAt: number },
	now: number
) {
	const round = db
		.select()
		.from(rounds)
		.where(and(eq(rounds.id, input.roundId), eq(rounds.councilId, councilId)))
		.get();
	if (!round) throw new DomainError('council.errors.badRound');
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(sittings)
			.values({ id, councilId, ...input, createdAt: now })
			.run();
		audit(tx, { actorId: user.id, action: 'sitting.create', subject: id, detail: input }, now);
	});
	return id;
}

export function getSitting(db: Q, id: string) {
	const sitting = db.select().from(sittings).where(eq(sittings.id, id)).get();
	if (!sitting) throw new DomainError('council.errors.notFound', {}, 404);
	return sitting;
}

/**
 * Publishes the agenda: from now on every voting member (and the secretary) reads the agenda's
 * dossiers (see dossiers/access.ts). Returns whether it is later than the one-working-day rule.
 */
export function publishAgenda(db: Db, user: SessionUser, sittingId: string, now: number) {
	const sitting = getSitting(db, sittingId);
	if (sitting.state !== 'draft') throw new DomainError('council.errors.alreadyPublished');
	const items = db
		.select({ n: count() })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.get()!.n;
	if (items === 0) throw new DomainError('council.errors.emptyAgenda');
	const late = lessThanOneWorkingDayBefore(now, sitting.startsAt);
	db.transaction((tx) => {
		tx.update(sittings)
			.set({ state: 'published', agendaPublishedAt: now })
			.where(eq(sittings.id, sittingId))
			.run();
		audit(
			tx,
			{ actorId: user.id, action: 'sitting.publish', subject: sittingId, detail: { late } },
			now
		);
		const invitees = sittingInvitees(tx, sittingId)!;
		notify(
			tx,
			[...invitees.members, ...invitees.producers],
			'sitting-scheduled',
			{
				sittingId,
				title: sitting.title,
				startsAt: sitting.startsAt,
				minutes: invitees.minutes
			},
			`/sittings/${sittingId}`,
			now
		);
	});
	return { late };
}

export function nextRoundNumber(db: Q, councilId: string, year: number) {
	const row = db
		.select({ n: max(rounds.number) })
		.from(rounds)
		.where(and(eq(rounds.councilId, councilId), eq(rounds.year, year)))
		.get();
	return (row?.n ?? 0) + 1;
}
