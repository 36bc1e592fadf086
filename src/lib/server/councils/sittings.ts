// A council's sittings (phiên họp) and the publication of their agenda.
import { randomUUID } from 'node:crypto';
import { notify } from '../notifications';
import { sittingInvitees } from '../notifications/recipients';
import { and, count, desc, eq } from 'drizzle-orm';
import { hasControlCharsInText } from '../../domain/plain-text';
import {
	agendaPublishDeadline,
	lessThanOneWorkingDayBefore,
	localDate
} from '../../domain/working-days';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, rounds, sittings } from '../db/schema';
import { refuse } from '../refusal';
import { vnDate } from '../results/figures';

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
	input: { roundId: string; title: string; startsAt: number; place?: string | null },
	now: number
) {
	const round = db
		.select()
		.from(rounds)
		.where(and(eq(rounds.id, input.roundId), eq(rounds.councilId, councilId)))
		.get();
	if (!round) refuse('bad-request', 'council.errors.badRound');
	// A year typed wrong made a sitting in the past without a word; nobody can hold one there.
	const day = vnDate(input.startsAt);
	if (day < vnDate(now)) refuse('bad-request', 'council.errors.sittingInPast', { date: dmy(day) });
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
	if (!sitting) refuse('not-found', 'council.errors.notFound');
	return sitting;
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Publishes the agenda: from now on every voting member (and the secretary) reads the agenda's
 * dossiers (see dossiers/access.ts).
 *
 * RULES.md procedure 4: "Members receive the dossiers at least one working day before", read as
 * one whole working day between the publication and the sitting's day (agendaPublishDeadline).
 * "At least" is a requirement, so a later publication is refused, naming the last day it was in
 * time; the office may still publish with an explicit reason (an urgent sitting), which is kept
 * in the audit with the publication. Returns whether it was late.
 */
export function publishAgenda(
	db: Db,
	user: SessionUser,
	sittingId: string,
	now: number,
	lateReason = ''
) {
	const sitting = getSitting(db, sittingId);
	if (sitting.state !== 'draft') refuse('bad-request', 'council.errors.alreadyPublished');
	const items = db
		.select({ n: count() })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.get()!.n;
	if (items === 0) refuse('bad-request', 'council.errors.emptyAgenda');
	const late = lessThanOneWorkingDayBefore(now, sitting.startsAt);
	const reason = lateReason.trim();
	if (late && !reason)
		refuse('bad-request', 'council.errors.agendaLate', {
			deadline: dmy(agendaPublishDeadline(sitting.startsAt)),
			sitting: dmy(localDate(sitting.startsAt))
		});
	if (late && hasControlCharsInText(reason)) refuse('bad-request', 'errors.controlChars');
	db.transaction((tx) => {
		tx.update(sittings)
			.set({ state: 'published', agendaPublishedAt: now })
			.where(eq(sittings.id, sittingId))
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'sitting.publish',
				subject: sittingId,
				detail: late ? { late, lateReason: reason } : { late }
			},
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
