// The chair ends (adjourns) a sitting: the register of the sitting closes at that moment, the
// items not reached go to a later sitting, and from then on the minutes exist.
import { and, eq, inArray } from 'drizzle-orm';
import { adjournRefusal } from '../../domain/meeting';
import { audit } from '../audit';
import type { Db, Q } from '../db/client';
import { agendaItems, dossiers, meetingHands, products, sittings } from '../db/schema';
import { notify } from '../notifications';
import { producerAccounts } from '../notifications/recipients';
import { refuse } from '../refusal';
import { requireChair } from './access';

export interface AdjournOutcome {
	sittingId: string;
	at: number;
	/** Items not reached, now deferred: their dossiers are back among the ready ones. */
	deferred: string[];
}

/**
 * An item leaves its sitting without a result (deferred by the chair, not reached when the
 * sitting ended, or sent on by a written round): its dossier goes back among the ready ones, so
 * the office can put it on a later sitting's agenda. Only a dossier still scheduled moves.
 */
export function dossierBackToReady(db: Q, dossierIds: readonly string[], now: number): void {
	if (dossierIds.length === 0) return;
	db.update(dossiers)
		.set({ state: 'ready', updatedAt: now })
		.where(and(inArray(dossiers.id, [...dossierIds]), eq(dossiers.state, 'scheduled')))
		.run();
}

/**
 * The producers of deferred items are told, in the same transaction as the deferral: their
 * product was not evaluated at this sitting and goes to a later one.
 */
export function notifyDeferred(
	db: Q,
	sittingId: string,
	dossierIds: readonly string[],
	now: number
): void {
	if (dossierIds.length === 0) return;
	const title = db
		.select({ t: sittings.title })
		.from(sittings)
		.where(eq(sittings.id, sittingId))
		.get()?.t;
	const rows = db
		.select({ dossierId: dossiers.id, product: products.name, org: products.organizationId })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(inArray(dossiers.id, [...dossierIds]))
		.all();
	for (const r of rows)
		notify(
			db,
			producerAccounts(db, [r.org]),
			'item-deferred',
			{ product: r.product, title: title ?? '' },
			`/dossiers/${r.dossierId}`,
			now
		);
}

/**
 * The chair ends the sitting (domain/meeting.ts adjournRefusal): refused while an item is live
 * or before the sitting opened. Pending items are deferred in the same transaction, the queue of
 * hands is emptied and the closing time is stamped; the sitting then keeps its record as it was.
 */
export function adjournSitting(db: Db, actorId: string, sittingId: string, now: number) {
	requireChair(db, sittingId, actorId);
	const sitting = db.select().from(sittings).where(eq(sittings.id, sittingId)).get()!;
	const items = db
		.select({ id: agendaItems.id, state: agendaItems.state, dossierId: agendaItems.dossierId })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.all();
	const refusal = adjournRefusal(sitting.state, items);
	if (refusal) refuse('wrong-state', `meeting.errors.adjourn.${refusal}`);
	const pending = items.filter((i) => i.state === 'pending');
	db.transaction((tx) => {
		const ended = tx
			.update(sittings)
			.set({ state: 'adjourned', closedAt: now })
			.where(and(eq(sittings.id, sittingId), eq(sittings.state, 'open')))
			.run();
		// Another request ended it a moment earlier: nothing more to do, and nothing done twice.
		if (ended.changes === 0) refuse('wrong-state', 'meeting.errors.sittingNotOpen');
		if (pending.length) {
			tx.update(agendaItems)
				.set({ state: 'deferred', stateChangedAt: now })
				.where(
					and(
						inArray(
							agendaItems.id,
							pending.map((i) => i.id)
						),
						eq(agendaItems.state, 'pending')
					)
				)
				.run();
			const deferred = pending.map((i) => i.dossierId);
			dossierBackToReady(tx, deferred, now);
			notifyDeferred(tx, sittingId, deferred, now);
		}
		tx.delete(meetingHands).where(eq(meetingHands.sittingId, sittingId)).run();
		audit(
			tx,
			{
				actorId,
				action: 'meeting.sitting.adjourn',
				subject: sittingId,
				detail: { deferred: pending.map((i) => i.id) }
			},
			now
		);
	});
	return { sittingId, at: now, deferred: pending.map((i) => i.id) } satisfies AdjournOutcome;
}
