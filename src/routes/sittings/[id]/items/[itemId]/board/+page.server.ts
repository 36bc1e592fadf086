import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { boardPageData } from '$lib/server/scoring/page-data';
import { pageError } from '$lib/server/scoring/page-error';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	try {
		return { board: boardPageData(appContext().db, params.id, params.itemId, locals.user.id) };
	} catch (e) {
		pageError(e, locals.locale);
	}
});
