import { appContext } from '$lib/server/context';
import { documentOf, minutesExist, minutesMissingKey } from '$lib/server/documents';
import { downloadFor } from '$lib/server/documents/downloads';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/**
 * The sitting's minutes: for the council's members and the office only. The hook sends the
 * anonymous to sign in (access.ts); anyone else is answered as for a sitting that does not exist.
 * A sitting not yet held, or not yet ended by the chair, has no minutes: its readers are told
 * which, and no number is issued.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const download = downloadFor(db, locals.user, { kind: 'minutes', sittingId: params.sittingId });
	if (!download) refuseAsMissing(locals.locale, 'results.notFound');
	if (!minutesExist(db, params.sittingId))
		refuseAsMissing(locals.locale, minutesMissingKey(db, params.sittingId));
	const pdf = await rendering(locals.locale, () => documentOf(locals.pdf, db, download.request));
	if (!pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(pdf, PDF, download.filename);
});
