import { fail } from '@sveltejs/kit';
import { hasControlCharsInText } from '$lib/domain/plain-text';
import { awaitedCommuneReview } from '$lib/domain/working-days';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import { text } from '$lib/server/form-fields';
import { decideCommune } from '$lib/server/dossiers/review';
import { dossierView } from '$lib/server/dossiers/view';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db, now } = appContext();
	const view = loadOr404(() => dossierView(db, locals.user!, params.id), locals.locale);
	// While it waits for the commune: the day the review is due (15 working days).
	return { view, review: awaitedCommuneReview(view.dossier, now()) };
});

export const actions: Actions = {
	default: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const review = {
			rawMaterial: text(form, 'rawMaterial', 2000),
			labour: text(form, 'labour', 2000),
			ideaOrigin: text(form, 'ideaOrigin', 2000),
			identity: text(form, 'identity', 2000),
			proposal: text(form, 'proposal', 2000)
		};
		const decision = text(form, 'decision', 10);
		const reason = text(form, 'reason', 2000);
		const fields = { ...review, reason };
		if (Object.values(review).some((v) => !v) || (decision !== 'forward' && decision !== 'return'))
			return fail(400, { ...fields, message: t('dossier.errors.required') });
		// The review is printed on the dossier's forms, and the reason is read by the producer.
		if (Object.values(fields).some(hasControlCharsInText))
			return fail(400, { ...fields, message: t('errors.controlCharsText') });
		const { db, now } = appContext();
		const r = attempt(locals.locale, fields, () =>
			decideCommune(db, locals.user!, params.id, review, decision, reason, now())
		);
		return r ?? { done: decision };
	})
};
