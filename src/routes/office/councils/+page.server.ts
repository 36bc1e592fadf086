import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { councilInputOf } from '$lib/server/councils/forms';
import { createCouncil, listCouncils } from '$lib/server/councils/council';
import { pageCount, pagingOf } from '$lib/server/paging';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ url }) => {
	const paging = pagingOf(url);
	const { rows, total } = listCouncils(appContext().db, paging);
	return { rows, total, q: paging.q, page: paging.page, pages: pageCount(total, paging.limit) };
});

export const actions: Actions = {
	create: guarded(async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = councilInputOf(form);
		if (!parsed.ok) return fail(400, { message: translator(locals.locale)(parsed.key) });
		const { db, now } = appContext();
		const id = createCouncil(db, locals.user!, parsed.value, now());
		redirect(303, `/office/councils/${id}`);
	})
};
