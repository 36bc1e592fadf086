import { count, inArray, like, or } from 'drizzle-orm';
import { listAudit } from '$lib/server/audit';
import { appContext } from '$lib/server/context';
import { auditLog, users } from '$lib/server/db/schema';
import { pageCount, pagingOf } from '$lib/server/paging';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

/** The audit log (who, when, what), newest first, searchable by action or subject. */
export const load: PageServerLoad = guarded(({ url }) => {
	const { db } = appContext();
	const paging = pagingOf(url, 50);
	const entries = listAudit(db, paging);
	const ids = [...new Set(entries.map((r) => r.actorId).filter((id): id is string => !!id))];
	const names = new Map(
		ids.length
			? db
					.select({ id: users.id, name: users.name, email: users.email })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, `${u.name} (${u.email})`])
			: []
	);
	const rows = entries.map((r) => ({
		...r,
		actor: r.actorId ? (names.get(r.actorId) ?? r.actorId) : '',
		detail: r.detail == null ? '' : JSON.stringify(r.detail)
	}));
	const q = `%${paging.q}%`;
	const where = paging.q ? or(like(auditLog.action, q), like(auditLog.subject, q)) : undefined;
	const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
	return { rows, total, q: paging.q, page: paging.page, pages: pageCount(total, paging.limit) };
});
