import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Q } from '../db/client';
import { notifications } from '../db/schema';
import { currentOutbox } from './outbox';

export const NOTIFICATION_KINDS = [
	'dossier-returned',
	'documents-requested',
	'sitting-scheduled',
	'result-published',
	'item-deferred',
	'result-recognized',
	'certificate-revoked'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationParams = Record<string, string | number>;

/**
 * Records one notification per person inside the caller's transaction, so it exists exactly
 * when the event does; its e-mail is stored in the same transaction and sent by the outbox once
 * that has committed (outbox.ts).
 */
export function notify(
	db: Q,
	userIds: readonly string[],
	kind: NotificationKind,
	params: NotificationParams,
	link: string,
	now: number
): void {
	const unique = [...new Set(userIds)];
	if (unique.length === 0) return;
	const rows = db
		.insert(notifications)
		.values(unique.map((userId) => ({ userId, kind, params, link, createdAt: now })))
		.returning({ id: notifications.id, userId: notifications.userId })
		.all();
	currentOutbox()?.enqueue(db, rows);
}

export const NOTIFICATIONS_PAGE = 50;

export function listNotifications(db: Q, userId: string, limit = NOTIFICATIONS_PAGE) {
	return db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(limit)
		.all();
}

export function unreadCount(db: Q, userId: string): number {
	return db
		.select({ n: count() })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.get()!.n;
}

/** Only the owner's own row changes; another person's id is a silent no-op, as if missing. */
export function markRead(db: Q, userId: string, id: number, now: number): boolean {
	const r = db
		.update(notifications)
		.set({ readAt: now })
		.where(
			and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt))
		)
		.run();
	return r.changes > 0;
}

export function markAllRead(db: Q, userId: string, now: number): number {
	return db
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
		.run().changes;
}
