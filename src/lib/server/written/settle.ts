// How a written item ends. When every member who scores it has submitted, or the window has
// passed, the result is computed from the stored cards as at a sitting, with "present" meaning
// "returned a card" (scoring/item-rating.ts writtenAttendance says how the chair counts). A result the rules would lock is locked the same way
// (scoring/close.ts); a blocked one (too few cards, an incomplete card, or a spread above the
// council's maximum: the members' opinions diverge) sends the item to a sitting instead.

import { and, eq, lt } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db } from '../db/client';
import { agendaItems, writtenOutcomes, writtenRounds } from '../db/schema';
import { dossierBackToReady } from '../meeting/adjourn';
import { vnDate } from '../results/figures';
import { cardsOfItem } from '../scoring/stored-cards';
import { closeItem } from '../scoring/close';
import { isRefusal } from '../refusal';
import { loadItemContext, scorers } from '../scoring/item-context';
import {
	attendanceFigures,
	currentRoundCards,
	rateItem,
	writtenAttendance
} from '../scoring/item-rating';
import { writtenCloser, writtenWindowOf } from './window';

export type Settled =
	{ outcome: 'locked'; seq: number } | { outcome: 'to-sitting'; reason: string };

/** Settles one written item if it is due; null when it is not (yet) or not a written item. */
export function settleWrittenItem(db: Db, itemId: string, now: number): Settled | null {
	const ctx = loadItemContext(db, itemId);
	if (!ctx || ctx.item.state !== 'scoring') return null;
	const window = writtenWindowOf(db, ctx.sitting.id);
	if (!window) return null;
	const round = ctx.item.scoringRound;
	const submitted = cardsOfItem(db, itemId)
		.filter((c) => c.round === round)
		.map((c) => c.userId);
	const everyone = scorers(ctx).every((s) => submitted.includes(s.userId));
	const ended = vnDate(now) > window.closesOn;
	if (!everyone && !ended) return null;
	const attendance = writtenAttendance(ctx, submitted);
	const figures = attendanceFigures(ctx, attendance);
	const result = rateItem(ctx, currentRoundCards(ctx, cardsOfItem(db, itemId), figures), figures);
	if (result.blocked === null) {
		let seq: number;
		try {
			const input = { itemId, userId: writtenCloser(ctx.sitting.id), attendance };
			seq = closeItem(db, { ...input, byWrittenRound: true }, now).record.seq;
		} catch (e) {
			// Settled by a concurrent submit or the timer a moment earlier.
			if (isRefusal(e) && e.key === 'scoring.errors.closed') return null;
			throw e;
		}
		db.insert(writtenOutcomes)
			.values({ itemId, outcome: 'locked', at: now })
			.onConflictDoNothing()
			.run();
		return { outcome: 'locked', seq };
	}
	const reason = result.blocked;
	db.transaction((tx) => {
		const moved = tx
			.update(agendaItems)
			.set({ state: 'deferred', stateChangedAt: now })
			.where(and(eq(agendaItems.id, itemId), eq(agendaItems.state, 'scoring')))
			.run();
		if (moved.changes === 0) return;
		// Back among the ready dossiers: the office puts it on a sitting's agenda.
		dossierBackToReady(tx, [ctx.dossierId], now);
		tx.insert(writtenOutcomes).values({ itemId, outcome: 'to-sitting', reason, at: now }).run();
		audit(
			tx,
			{
				actorId: null,
				action: 'written.to-sitting',
				subject: itemId,
				detail: { reason, spread: result.spread, submitted: submitted.length }
			},
			now
		);
	});
	return { outcome: 'to-sitting', reason };
}

/** Every written item whose window has ended; run on a timer and before the office reads. */
export function settleDueWrittenRounds(db: Db, now: number): number {
	const due = db
		.select({ itemId: agendaItems.id })
		.from(writtenRounds)
		.innerJoin(agendaItems, eq(agendaItems.sittingId, writtenRounds.sittingId))
		.where(and(lt(writtenRounds.closesOn, vnDate(now)), eq(agendaItems.state, 'scoring')))
		.all();
	let n = 0;
	for (const { itemId } of due) if (settleWrittenItem(db, itemId, now)) n++;
	return n;
}
