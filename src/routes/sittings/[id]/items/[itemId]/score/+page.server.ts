import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { MAX_COMMENT_CHARS, saveComment } from '$lib/server/scoring/comments';
import { ScoringError } from '$lib/server/scoring/errors';
import { scorecardPageData } from '$lib/server/scoring/page-data';
import { pageError } from '$lib/server/scoring/page-error';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	try {
		return {
			card: scorecardPageData(appContext().db, params.id, params.itemId, locals.user.id),
			maxComment: MAX_COMMENT_CHARS
		};
	} catch (e) {
		pageError(e, locals.locale);
	}
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
			if (!(e instanceof ScoringError)) throw e;
			if (e.code === 'not-found' || e.code === 'forbidden') pageError(e, locals.locale);
			const details = (e.details ?? {}) as Record<string, unknown>;
			return fail(400, { message: t(`scoring.errors.${e.key}`, details) });
		}
		return { commented: true };
	})
};
