import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNotNull, lt } from 'drizzle-orm';
import { conflictRefusal } from '../../domain/recusal';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import {
	agendaItems,
	conflicts,
	councilMembers,
	councils,
	dossiers,
	organizations,
	products,
	sittings,
	users
} from '../db/schema';
import { DomainError } from '../dossiers/errors';
import { moveState } from '../dossiers/lifecycle';
import { stepOutIfLive } from '../meeting/recusal';
import { membershipOf } from '../membership';
import type { LiveEffects } from '../live-effects';
import { listAgenda } from './agenda-list';
import { getSitting } from './sittings';

// Read by meeting/state.ts, which this file's recusal step reads in turn: kept in its own
// module so that loop does not exist at run time.
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
	if (sitting.state !== 'draft') throw new DomainError('council.errors.alreadyPublished');
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
	if (!item) throw new DomainError('council.errors.notFound', {}, 404);
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
export function moveItem(
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
	if (presenters.some((p) => !allowed.has(p))) throw new DomainError('council.errors.badPresenter');
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

export function listConflicts(db: Q, sittingId: string) {
	return db
		.select({
			itemId: conflicts.itemId,
			userId: conflicts.userId,
			name: users.name,
			reason: conflicts.reason,
			declaredBy: conflicts.declaredBy,
			at: conflicts.at
		})
		.from(conflicts)
		.innerJoin(agendaItems, eq(agendaItems.id, conflicts.itemId))
		.innerJoin(users, eq(users.id, conflicts.userId))
		.where(eq(agendaItems.sittingId, sittingId))
		.all();
}

/**
 * A conflict of interest on one item. A member declares their own; the chair or the secretary
 * of the council (or office staff) records one for any member.
 */
export function declareConflict(
	db: Db,
	user: SessionUser,
	itemId: string,
	memberId: string,
	reason: string,
	now: number,
	live: LiveEffects
) {
	const item = db
		.select({
			sittingId: agendaItems.sittingId,
			state: agendaItems.state,
			councilId: sittings.councilId
		})
		.from(agendaItems)
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.where(eq(agendaItems.id, itemId))
		.get();
	if (!item) throw new DomainError('council.errors.notFound', {}, 404);
	const mine = membershipOf(db, item.councilId, user.id);
	const self = memberId === user.id && !!mine;
	const recorder =
		user.role === 'office' ||
		user.role === 'admin' ||
		mine?.role === 'chair' ||
		mine?.role === 'secretary';
	if (!self && !recorder) throw new DomainError('council.errors.forbidden', {}, 403);
	if (!membershipOf(db, item.councilId, memberId))
		throw new DomainError('council.errors.noSuchPerson');
	if (!reason) throw new DomainError('council.errors.reasonRequired');
	// The socket command refuses by the same rule, with the same message.
	const over = conflictRefusal(item.state);
	if (over) throw new DomainError(`meeting.errors.${over}`);
	db.transaction((tx) => {
		stepOutIfLive(tx, item, memberId);
		tx.insert(conflicts)
			.values({ itemId, userId: memberId, reason, declaredBy: user.id, at: now })
			.onConflictDoUpdate({
				target: [conflicts.itemId, conflicts.userId],
				set: { reason, declaredBy: user.id, at: now }
			})
			.run();
		audit(
			tx,
			{
				actorId: user.id,
				action: 'conflict.declare',
				subject: itemId,
				detail: { memberId, reason }
			},
			now
		);
	});
	// The member's open sitting page, the hands queue, the video room and the chair's board
	// follow at once, as they do when the member declares through the socket. The caller awaits
	// `live` before answering.
	return { live: live.announce({ kind: 'conflict', itemId, userId: memberId }) };
}

/** The member's councils, each with its sittings whose agenda is published, and each agenda. */
export function memberHome(db: Q, userId: string) {
	const seats = db
		.select({
			councilId: councils.id,
			name: councils.name,
			role: councilMembers.role,
			voting: councilMembers.voting
		})
		.from(councilMembers)
		.innerJoin(councils, eq(councils.id, councilMembers.councilId))
		.where(eq(councilMembers.userId, userId))
		.all();
	const mine = new Set(
		db
			.select({ itemId: conflicts.itemId })
			.from(conflicts)
			.where(eq(conflicts.userId, userId))
			.all()
			.map((c) => c.itemId)
	);
	return seats.map((seat) => ({
		...seat,
		sittings: db
			.select()
			.from(sittings)
			.where(and(eq(sittings.councilId, seat.councilId), isNotNull(sittings.agendaPublishedAt)))
			.orderBy(desc(sittings.startsAt))
			.all()
			.map((s) => ({
				id: s.id,
				title: s.title,
				startsAt: s.startsAt,
				state: s.state,
				agenda: listAgenda(db, s.id).map((a) => ({
					id: a.id,
					position: a.position,
					product: a.product,
					organization: a.organization,
					dossierId: a.dossierId,
					slotMinutes: a.slotMinutes,
					recused: mine.has(a.id),
					declarable: conflictRefusal(a.state) === null
				}))
			}))
	}));
}
