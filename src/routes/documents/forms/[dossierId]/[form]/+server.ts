import { appContext } from '$lib/server/context';
import {
	FILED_FORMS,
	filedFormDocument,
	mayReadFiledForms,
	type FiledForm
} from '$lib/server/documents/filed-forms-data';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import { guarded } from '$lib/server/require-area';
import type { RequestHandler } from './$types';

/**
 * Mẫu 01, 02 or 03 of a dossier as filed (`/documents/forms/<dossier>/01`): for the producer
 * that owns it, the office, and the council members of the sitting that evaluates it. Anyone else,
 * and any other form name, is answered as for a missing dossier.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const form = FILED_FORMS.find((f) => f === params.form) as FiledForm | undefined;
	if (!form || !mayReadFiledForms(db, locals.user, params.dossierId))
		refuseAsMissing(locals.locale, 'dossier.errors.notFound');
	const pdf = await rendering(locals.locale, () =>
		filedFormDocument(locals.pdf, db, params.dossierId, form)
	);
	if (!pdf) refuseAsMissing(locals.locale, 'dossier.errors.notFound');
	const safeId = params.dossierId.replace(/[^\w-]/g, '');
	return fileResponse(pdf, PDF, `mau-${form}-${safeId}.pdf`);
});
