import { count, desc } from 'drizzle-orm';
import type { Db, Q } from './db/client';
import { auditLog } from './db/schema';
import { textMatches } from './db/search';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	subject?: string | null;
	detail?: unknown;
}

/** Every change that matters is written here: who, when, what. */
export function audit(db: Q, entry: AuditEntry, now: number): void {
	db.insert(auditLog)
		.values({
			at: now,
			actorId: entry.actorId,
			action: entry.action,
			subject: entry.subject ?? null,
			detail: entry.detail ?? null
		})
		.run();
}

const auditWhere = (q?: string) =>
	q ? textMatches(q, auditLog.action, auditLog.subject) : undefined;

/** How many entries the search finds: the same match as the list, so the pages add up. */
export function countAudit(db: Q, q?: string): number {
	return db.select({ n: count() }).from(auditLog).where(auditWhere(q)).get()!.n;
}

export function listAudit(db: Db, opts: { q?: string; limit: number; offset: number }) {
	const where = auditWhere(opts.q);
	return db
		.select()
		.from(auditLog)
		.where(where)
		.orderBy(desc(auditLog.id))
		.limit(opts.limit)
		.offset(opts.offset)
		.all();
}
