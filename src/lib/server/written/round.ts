// Lấy ý kiến bằng văn bản (RULES.md 10): the secretary puts a set of re-evaluation dossiers to
// the council in writing. A written round is a sitting with a window and no meeting: its items
// are in scoring from the start, members submit their cards between the two dates, and each
// item settles (written/settle.ts) when every member has submitted or the window has ended.

import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/certificate-life';
import { hasControlChars } from '../../domain/plain-text';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import {
	agendaItems,
	certificateRenewals,
	councilMembers,
	dossiers,
	products,
	rounds,
	sittings,
	writtenOutcomes,
	writtenRounds
} from '../db/schema';
import { producerAccounts } from '../councils/agenda';
import { moveState } from '../dossiers/lifecycle';
import { vnDate } from '../results/figures';
import { refuse } from '../refusal';

/** The longest window the office may give (a written round is not meant to stay open). */
export const MAX_WINDOW_DAYS = 30;

export interface WrittenRoundInput {
	roundId: string;
	title: string;
	opensOn: string;
	closesOn: string;
	dossierIds: string[];
}

/**
 * Ready re-evaluation dossiers: the only ones a written round may take. One that a written round
 * already sent to a sitting goes to a sitting, not to another written round.
 */
export function writtenCandidates(db: Q) {
	const sentOn = new Set(
		db
			.select({ dossierId: agendaItems.dossierId })
			.from(writtenOutcomes)
			.innerJoin(agendaItems, eq(agendaItems.id, writtenOutcomes.itemId))
			.where(eq(writtenOutcomes.outcome, 'to-sitting'))
			.all()
			.map((r) => r.dossierId)
	);
	return db
		.select({ id: dossiers.id, product: products.name, seq: certificateRenewals.seq })
		.from(dossiers)
		.innerJoin(certificateRenewals, eq(certificateRenewals.productId, dossiers.productId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(dossiers.state, 'ready'))
		.orderBy(asc(products.name))
		.all()
		.filter((d) => !sentOn.has(d.id));
}

export function openWrittenRound(
	db: Db,
	user: SessionUser,
	councilId: string,
	input: WrittenRoundInput,
	now: number
): string {
	const today = vnDate(now);
	if (!input.title) refuse('bad-request', 'certificates.errors.writtenTitle');
	if (hasControlChars(input.title)) refuse('bad-request', 'errors.controlChars');
	if (input.opensOn > input.closesOn || input.closesOn < today)
		refuse('bad-request', 'certificates.errors.writtenDates');
	if (input.closesOn > addDays(input.opensOn, MAX_WINDOW_DAYS))
		refuse('bad-request', 'certificates.errors.writtenTooLong', { days: MAX_WINDOW_DAYS });
	const ids = [...new Set(input.dossierIds)];
	if (ids.length === 0) refuse('bad-request', 'certificates.errors.writtenEmpty');
	const eligible = new Set(writtenCandidates(db).map((c) => c.id));
	if (ids.some((id) => !eligible.has(id)))
		refuse('bad-request', 'certificates.errors.writtenNotReevaluation');
	const round = db
		.select()
		.from(rounds)
		.where(and(eq(rounds.id, input.roundId), eq(rounds.councilId, councilId)))
		.get();
	if (!round) refuse('bad-request', 'council.errors.badRound');
	const voting = db
		.select({ userId: councilMembers.userId })
		.from(councilMembers)
		.where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.voting, true)))
		.all();
	if (voting.length === 0) refuse('bad-request', 'certificates.errors.writtenNoMembers');
	const sittingId = randomUUID();
	db.transaction((tx) => {
		// Published at once: members read the dossiers of a published agenda (dossiers/access.ts).
		tx.insert(sittings)
			.values({
				id: sittingId,
				councilId,
				roundId: round.id,
				title: input.title,
				startsAt: Date.parse(`${input.opensOn}T00:00:00+07:00`),
				state: 'published',
				agendaPublishedAt: now,
				createdAt: now
			})
			.run();
		tx.insert(writtenRounds)
			.values({
				sittingId,
				opensOn: input.opensOn,
				closesOn: input.closesOn,
				openedBy: user.id,
				createdAt: now
			})
			.run();
		ids.forEach((dossierId, i) => {
			moveState(tx, user, dossierId, 'schedule', 'office', now);
			tx.insert(agendaItems)
				.values({
					id: randomUUID(),
					sittingId,
					dossierId,
					position: i + 1,
					presenters: producerAccounts(tx, dossierId).map((p) => p.id),
					state: 'scoring',
					stateChangedAt: now
				})
				.run();
		});
		audit(
			tx,
			{
				actorId: user.id,
				action: 'written.open',
				subject: sittingId,
				detail: { opensOn: input.opensOn, closesOn: input.closesOn, dossiers: ids }
			},
			now
		);
	});
	return sittingId;
}

/** A council's written rounds with their items and how each ended. */
export function writtenRoundsOf(db: Q, councilId: string) {
	const list = db
		.select({ sitting: sittings, window: writtenRounds })
		.from(writtenRounds)
		.innerJoin(sittings, eq(sittings.id, writtenRounds.sittingId))
		.where(eq(sittings.councilId, councilId))
		.orderBy(asc(writtenRounds.opensOn))
		.all();
	if (list.length === 0) return [];
	const items = db
		.select({
			id: agendaItems.id,
			sittingId: agendaItems.sittingId,
			state: agendaItems.state,
			product: products.name,
			outcome: writtenOutcomes.outcome,
			reason: writtenOutcomes.reason
		})
		.from(agendaItems)
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.leftJoin(writtenOutcomes, eq(writtenOutcomes.itemId, agendaItems.id))
		.where(
			inArray(
				agendaItems.sittingId,
				list.map((l) => l.sitting.id)
			)
		)
		.orderBy(asc(agendaItems.position))
		.all();
	return list.map((l) => ({
		id: l.sitting.id,
		title: l.sitting.title,
		opensOn: l.window.opensOn,
		closesOn: l.window.closesOn,
		items: items.filter((i) => i.sittingId === l.sitting.id)
	}));
}

/** A member's written items still collecting opinions, with the window and their own progress. */
export function writtenItemsFor(db: Q, userId: string) {
	return db
		.select({
			itemId: agendaItems.id,
			sittingId: sittings.id,
			title: sittings.title,
			product: products.name,
			opensOn: writtenRounds.opensOn,
			closesOn: writtenRounds.closesOn
		})
		.from(writtenRounds)
		.innerJoin(sittings, eq(sittings.id, writtenRounds.sittingId))
		.innerJoin(
			councilMembers,
			and(
				eq(councilMembers.councilId, sittings.councilId),
				eq(councilMembers.userId, userId),
				eq(councilMembers.voting, true)
			)
		)
		.innerJoin(agendaItems, eq(agendaItems.sittingId, sittings.id))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(agendaItems.state, 'scoring'))
		.orderBy(asc(writtenRounds.closesOn), asc(agendaItems.position))
		.all();
}
