// The stored side of the mail queue. Every change is one statement guarded by the state it
// expects, so two outboxes on one database (the SvelteKit handler and the realtime server each
// make one) never both claim a mail.

import { and, asc, count, desc, eq, inArray, lte, min } from 'drizzle-orm';
import type { Q } from '../db/client';
import { mailQueue } from '../db/schema';
import { composeMail } from './mail-compose';

export type MailRow = typeof mailQueue.$inferSelect;
export type MailState = 'pending' | 'sending' | 'sent' | 'failed';

/** Inside the event's transaction: the mail exists exactly when its notification does. */
export function enqueueMails(
	db: Q,
	notificationIds: number[],
	origin: string,
	now: number
): number {
	let queued = 0;
	for (const id of notificationIds) {
		const mail = composeMail(db, id, origin);
		if (!mail) continue;
		db.insert(mailQueue)
			.values({
				notificationId: id,
				recipient: mail.to,
				subject: mail.subject,
				body: mail.text,
				ics: mail.icalEvent ?? null,
				nextAttemptAt: now,
				createdAt: now
			})
			.run();
		queued++;
	}
	return queued;
}

/**
 * Takes the next due mail for `leaseMs`: state "sending" with its lease end as the next attempt.
 * A process killed while sending leaves the claim to expire, and the mail is tried again then.
 */
export function claimNext(db: Q, now: number, leaseMs: number): MailRow | null {
	for (;;) {
		const next = db
			.select()
			.from(mailQueue)
			.where(
				and(inArray(mailQueue.state, ['pending', 'sending']), lte(mailQueue.nextAttemptAt, now))
			)
			.orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.id))
			.limit(1)
			.get();
		if (!next) return null;
		const claimed = db
			.update(mailQueue)
			.set({ state: 'sending', nextAttemptAt: now + leaseMs })
			.where(
				and(
					eq(mailQueue.id, next.id),
					eq(mailQueue.state, next.state),
					eq(mailQueue.nextAttemptAt, next.nextAttemptAt)
				)
			)
			.run();
		// Another outbox took it between the two statements: look for the next one.
		if (claimed.changes === 1) return { ...next, state: 'sending' };
	}
}

export function markSent(db: Q, id: number, now: number): void {
	db.update(mailQueue)
		.set({ state: 'sent', sentAt: now, lastError: null })
		.where(and(eq(mailQueue.id, id), eq(mailQueue.state, 'sending')))
		.run();
}

/** `retryAt` null: that was the last attempt, the mail is failed until the office retries it. */
export function markAttemptFailed(
	db: Q,
	id: number,
	attempts: number,
	error: string,
	retryAt: number | null
): void {
	db.update(mailQueue)
		.set({
			state: retryAt === null ? 'failed' : 'pending',
			attempts,
			lastError: error.slice(0, 500),
			...(retryAt === null ? {} : { nextAttemptAt: retryAt })
		})
		.where(and(eq(mailQueue.id, id), eq(mailQueue.state, 'sending')))
		.run();
}

/** When the next pending mail or expiring claim is due, or null when nothing waits. */
export function nextDueAt(db: Q): number | null {
	return (
		db
			.select({ at: min(mailQueue.nextAttemptAt) })
			.from(mailQueue)
			.where(inArray(mailQueue.state, ['pending', 'sending']))
			.get()?.at ?? null
	);
}

export function countByState(db: Q): Record<MailState, number> {
	const out: Record<MailState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
	const rows = db
		.select({ state: mailQueue.state, n: count() })
		.from(mailQueue)
		.groupBy(mailQueue.state)
		.all();
	for (const r of rows) if (r.state in out) out[r.state as MailState] = r.n;
	return out;
}

/** The mails the office should look at: failed ones, then those still waiting, newest first. */
export function troubledMails(db: Q, limit = 200): MailRow[] {
	const pick = (states: MailState[]) =>
		db
			.select()
			.from(mailQueue)
			.where(inArray(mailQueue.state, states))
			.orderBy(desc(mailQueue.createdAt), desc(mailQueue.id))
			.limit(limit)
			.all();
	return [...pick(['failed']), ...pick(['pending', 'sending'])].slice(0, limit);
}

/** Puts failed mails back in the queue with fresh attempts; returns how many. */
export function retryFailed(db: Q, now: number, id?: number): number {
	return db
		.update(mailQueue)
		.set({ state: 'pending', attempts: 0, nextAttemptAt: now })
		.where(and(eq(mailQueue.state, 'failed'), id === undefined ? undefined : eq(mailQueue.id, id)))
		.run().changes;
}
