import { fail } from '@sveltejs/kit';
import { sectorOf } from '$lib/domain/dossier-requirements';
import { hasControlCharsInText } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import { text } from '$lib/server/form-fields';
import { markReady, requestDocuments } from '$lib/server/dossiers/review';
import { dossierView } from '$lib/server/dossiers/view';
import { MAX_FILE_BYTES } from '$lib/server/uploads/limits';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	const view = loadOr404(
		() => dossierView(appContext().db, locals.user!, params.id),
		locals.locale
	);
	const present = new Set(view.files.map((f) => f.kind));
	const required = appContext().config.readyRequirements[sectorOf(view.product.productSetNo)];
	return {
		view,
		// What the council needs before the dossier can be marked ready, and what is attached.
		readyChecklist: required.map((kind) => ({ kind, present: present.has(kind) })),
		maxBytes: MAX_FILE_BYTES,
		uploaded: url.searchParams.get('uploaded'),
		uploadError: url.searchParams.get('uploadError')
	};
});

export const actions: Actions = {
	request: guarded(async ({ request, params, locals }) => {
		const message = text(await request.formData(), 'message', 2000);
		// The request is sent to the producer and kept with the dossier.
		if (hasControlCharsInText(message))
			return fail(400, { message: translator(locals.locale)('errors.controlCharsText') });
		const { db, now } = appContext();
		return (
			attempt(locals.locale, { message }, () =>
				requestDocuments(db, locals.user!, params.id, message, now())
			) ?? { requested: true }
		);
	}),
	ready: guarded(({ params, locals }) => {
		const { db, now, config } = appContext();
		return (
			attempt(locals.locale, {}, () =>
				markReady(db, locals.user!, params.id, now(), config.readyRequirements)
			) ?? {
				ready: true
			}
		);
	})
};
