import { translator } from '$lib/i18n';
import { countAudit, listAudit } from '$lib/server/audit';
import { auditView } from '$lib/server/audit-view';
import { appContext } from '$lib/server/context';
import { pageCount, pagingOf } from '$lib/server/paging';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

/**
 * The audit log (who, when, what), newest first, searchable in words (server/audit.ts
 * auditMatches: the action's label, the person, the subject); read in words
 * (server/audit-view.ts), one query per kind of subject on the page.
 */
export const load: PageServerLoad = guarded(({ url, locals }) => {
	const { db } = appContext();
	const paging = pagingOf(url, 50);
	const rows = auditView(db, listAudit(db, paging), translator(locals.locale), locals.locale);
	// Counted with the list's own match (marks folded, % and _ literal): the count once used a
	// bare LIKE, so "%" counted every entry over pages that listed none.
	const total = countAudit(db, paging.q);
	return { rows, total, q: paging.q, page: paging.page, pages: pageCount(total, paging.limit) };
});
