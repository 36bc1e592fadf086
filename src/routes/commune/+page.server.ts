import { appContext } from '$lib/server/context';
import { listFilterOf } from '$lib/server/dossiers/list-query';
import { communeScope, listDossiers } from '$lib/server/dossiers/review';
import { pageCount } from '$lib/server/paging';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals, url }) => {
	const filter = listFilterOf(url);
	const { rows, total } = listDossiers(appContext().db, filter, communeScope(locals.user!));
	return {
		rows,
		total,
		q: filter.q,
		state: filter.state,
		page: filter.page,
		pages: pageCount(total, filter.limit),
		commune: locals.user!.communeCode
	};
});
