import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { boardPageData } from '$lib/server/scoring/page-data';
import { loadOr404 } from '$lib/server/refusal-kit';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const userId = locals.user.id;
	const board = loadOr404(
		() =>
			boardPageData(
				appContext().db,
				params.id,
				params.itemId,
				userId,
				locals.live.liveFacts(params.id, params.itemId)
			),
		locals.locale,
		'scoring.errors.notFound'
	);
	return { board };
});
