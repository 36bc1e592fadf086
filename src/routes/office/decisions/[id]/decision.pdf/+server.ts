import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { decisionDocument } from '$lib/server/documents/official';
import { guarded } from '$lib/server/require-area';
import type { RequestHandler } from './$types';

/** The recognition decision with its annex; the /office area admits only office and admin. */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db, now } = appContext();
	const doc =
		params.id.length <= 64
			? await rendering(locals.locale, () => decisionDocument(locals.pdf, db, params.id, now()))
			: null;
	if (!doc)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return fileResponse(doc.pdf, PDF, `quyet-dinh-cong-nhan-ocop.pdf`);
});
