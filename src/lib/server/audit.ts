import { count, desc, inArray, or, sql, type SQL } from 'drizzle-orm';
import { AUDIT_ACTIONS, auditActionKey } from '../domain/audit-actions';
import { foldVietnamese } from '../domain/fold';
import { LOCALES, translator } from '../i18n';
import type { Db, Q } from './db/client';
import { auditLog, users } from './db/schema';
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

/**
 * The entries a search of the log finds. The office reads the log in words, so it searches in
 * words too: the query (marks and case ignored) is found in the action's label in either
 * language ("khóa kết quả", "signed in"), in the action's code or the subject's id, or in the
 * name or e-mail of the person who acted.
 */
export function auditMatches(q: string | undefined): SQL | undefined {
	if (!q) return undefined;
	const folded = foldVietnamese(q);
	const labelled = Object.keys(AUDIT_ACTIONS).filter((action) =>
		LOCALES.some((locale) =>
			foldVietnamese(translator(locale)(auditActionKey(action))).includes(folded)
		)
	);
	const actors = textMatches(q, users.name, users.email);
	return or(
		textMatches(q, auditLog.action, auditLog.subject),
		labelled.length ? inArray(auditLog.action, labelled) : undefined,
		sql`${auditLog.actorId} in (select ${users.id} from ${users} where ${actors})`
	);
}

/** How many entries the search finds: the same match as the list, so the pages add up. */
export function countAudit(db: Q, q?: string): number {
	return db.select({ n: count() }).from(auditLog).where(auditMatches(q)).get()!.n;
}

export function listAudit(db: Db, opts: { q?: string; limit: number; offset: number }) {
	const where = auditMatches(opts.q);
	return db
		.select()
		.from(auditLog)
		.where(where)
		.orderBy(desc(auditLog.id))
		.limit(opts.limit)
		.offset(opts.offset)
		.all();
}
