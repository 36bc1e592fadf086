import { appContext } from '$lib/server/context';
import { listFilterOf } from '$lib/server/dossiers/list-query';
import { listDossiers, officeScope } from '$lib/server/dossiers/review';
import { pageCount } from '$lib/server/paging';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ url }) => {
	const filter = listFilterOf(url);
	const { rows, total } = listDossiers(appContext().db, filter, officeScope());
	return {
		rows,
		total,
		q: filter.q,
		state: filter.state,
		page: filter.page,
		pages: pageCount(total, filter.limit)
	};
});
