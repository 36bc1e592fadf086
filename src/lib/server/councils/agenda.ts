import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, dossiers, organizations, products, users } from '../db/schema';
import { refuse } from '../refusal';
import { moveState } from '../dossiers/lifecycle';
import { listAgenda } from './agenda-list';
import { getSitting } from './sittings';

// The agenda's order and items; conflicts of interest are in conflicts.ts, a member's home page
// in member-home.ts. listAgenda is read by meeting/state.ts, which the conflicts' recusal step
// reads in turn: kept in its own module so that loop does not exist at run time.
export { listAgenda };

/** Ready dossiers that can join an agenda. */
export function readyDossiers(db: Q) {
	return db
		.select({ id: dossiers.id, product: products.name, organization: organizations.name })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(dossiers.state, 'ready'))
		.orderBy(asc(products.name))
		.all();
}

function draftSitting(db: Q, sittingId: string) {
	const sitting = getSitting(db, sittingId);
	if (sitting.state !== 'draft') refuse('bad-request', 'council.errors.alreadyPublished');
	return sitting;
}

/** Producer accounts of the dossier's organisation: the only people who may present it. */
export function producerAccounts(db: Q, dossierId: string) {
	return db
		.select({ id: users.id, name: users.name, email: users.email })
		.from(users)
		.innerJoin(products, eq(products.organizationId, users.organizationId))
		.innerJoin(dossiers, eq(dossiers.productId, products.id))
		.where(and(eq(dossiers.id, dossierId), eq(users.role, 'producer')))
		.all();
}

export function addItem(
	db: Db,
	user: SessionUser,
	sittingId: string,
	dossierId: string,
	slotMinutes: number,
	now: number
) {
	draftSitting(db, sittingId);
	const last = db
		.select({ p: agendaItems.position })
		.from(agendaItems)
		.where(eq(agendaItems.sittingId, sittingId))
		.orderBy(desc(agendaItems.position))
		.get();
	const id = randomUUID();
	db.transaction((tx) => {
		moveState(tx, user, dossierId, 'schedule', 'office', now);
		const presenters = producerAccounts(tx, dossierId).map((p) => p.id);
		tx.insert(agendaItems)
			.values({ id, sittingId, dossierId, position: (last?.p ?? 0) + 1, slotMinutes, presenters })
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'agenda.add',
				subject: sittingId,
				detail: { itemId: id, dossierId, slotMinutes }
			},
			now
		);
	});
	return id;
}

function itemOf(db: Q, sittingId: string, itemId: string) {
	const item = db
		.select()
		.from(agendaItems)
		.where(and(eq(agendaItems.id, itemId), eq(agendaItems.sittingId, sittingId)))
		.get();
	if (!item) refuse('not-found', 'council.errors.notFound');
	return item;
}

export function removeItem(
	db: Db,
	user: SessionUser,
	sittingId: string,
	itemId: string,
	now: number
) {
	draftSitting(db, sittingId);
	const item = itemOf(db, sittingId, itemId);
	db.transaction((tx) => {
		tx.delete(agendaItems).where(eq(agendaItems.id, itemId)).run();
		moveState(tx, user, item.dossierId, 'unschedule', 'office', now);
		audit(
			tx,
			{ actorId: user.id, action: 'agenda.remove', subject: sittingId, detail: { itemId } },
			now
		);
	});
}

/** Swaps the item with its neighbour above or below. */
export function reorderItem(
	db: Db,
	user: SessionUser,
	sittingId: string,
	itemId: string,
	up: boolean,
	now: number
) {
	draftSitting(db, sittingId);
	const item = itemOf(db, sittingId, itemId);
	const neighbour = db
		.select()
		.from(agendaItems)
		.where(
			and(
				eq(agendaItems.sittingId, sittingId),
				up ? lt(agendaItems.position, item.position) : gt(agendaItems.position, item.position)
			)
		)
		.orderBy(up ? desc(agendaItems.position) : asc(agendaItems.position))
		.get();
	if (!neighbour) return;
	db.transaction((tx) => {
		tx.update(agendaItems).set({ position: -1 }).where(eq(agendaItems.id, item.id)).run();
		tx.update(agendaItems)
			.set({ position: item.position })
			.where(eq(agendaItems.id, neighbour.id))
			.run();
		tx.update(agendaItems)
			.set({ position: neighbour.position })
			.where(eq(agendaItems.id, item.id))
			.run();
		audit(
			tx,
			{ actorId: user.id, action: 'agenda.move', subject: sittingId, detail: { itemId, up } },
			now
		);
	});
}

export function updateItem(
	db: Db,
	user: SessionUser,
	sittingId: string,
	itemId: string,
	slotMinutes: number,
	presenters: string[],
	now: number
) {
	draftSitting(db, sittingId);
	const item = itemOf(db, sittingId, itemId);
	const allowed = new Set(producerAccounts(db, item.dossierId).map((p) => p.id));
	if (presenters.some((p) => !allowed.has(p))) refuse('bad-request', 'council.errors.badPresenter');
	db.transaction((tx) => {
		tx.update(agendaItems).set({ slotMinutes, presenters }).where(eq(agendaItems.id, itemId)).run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'agenda.update',
				subject: sittingId,
				detail: { itemId, slotMinutes, presenters }
			},
			now
		);
	});
}
