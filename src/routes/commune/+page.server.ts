import { awaitedCommuneReview } from '$lib/domain/working-days';
import { appContext } from '$lib/server/context';
import { listFilterOf } from '$lib/server/dossiers/list-query';
import { communeScope, listDossiers } from '$lib/server/dossiers/review';
import { pageCount } from '$lib/server/paging';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals, url }) => {
	const filter = listFilterOf(url);
	const { db, now } = appContext();
	const { rows, total } = listDossiers(db, filter, communeScope(locals.user!));
	return {
		// A dossier waiting for the commune shows the day its review is due, and says when late.
		rows: rows.map((r) => ({ ...r, review: awaitedCommuneReview(r, now()) })),
		total,
		q: filter.q,
		state: filter.state,
		page: filter.page,
		pages: pageCount(total, filter.limit),
		commune: locals.user!.communeCode
	};
});
