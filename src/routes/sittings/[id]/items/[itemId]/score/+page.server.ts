import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { MAX_COMMENT_CHARS, saveComment } from '$lib/server/scoring/comments';
import { scorecardPageData } from '$lib/server/scoring/page-data';
import { isRefusal } from '$lib/server/refusal';
import { formFailure, loadOr404 } from '$lib/server/refusal-kit';
import { refuseAsMissing } from '$lib/server/not-found';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const userId = locals.user.id;
	const card = loadOr404(
		() => scorecardPageData(appContext().db, params.id, params.itemId, userId),
		locals.locale,
		'scoring.errors.notFound'
	);
	return { card, maxComment: MAX_COMMENT_CHARS };
});

export const actions: Actions = {
	/** The member's comments for their score sheet; a refusal of the seat reads as a missing item. */
	comment: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const text = form.get('comment');
		if (typeof text !== 'string') return fail(400, { message: t('scoring.errors.badRequest') });
		const { db, now } = appContext();
		try {
			saveComment(
				db,
				{ sittingId: params.id, itemId: params.itemId, userId: locals.user!.id, text },
				now()
			);
		} catch (e) {
			// Whether the item is missing or the seat is not theirs, the answer is the same 404.
			if (isRefusal(e) && (e.code === 'not-found' || e.code === 'forbidden'))
				refuseAsMissing(locals.locale, 'scoring.errors.notFound');
			const failure = formFailure(e, locals.locale);
			if (failure) return failure;
			throw e;
		}
		return { commented: true };
	})
};
