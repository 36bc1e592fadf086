import { appContext } from '$lib/server/context';
import { documentOf } from '$lib/server/documents';
import { downloadFor } from '$lib/server/documents/downloads';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';
import { seqParam } from '$lib/server/route-params';

/**
 * A member's score sheet: for the council's members and the office only, never public. The hook
 * sends the anonymous to sign in (access.ts); anyone else is answered as for a missing sheet.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const download = downloadFor(db, locals.user, {
		kind: 'sheet',
		seq: seqParam(params.seq),
		member: params.member
	});
	if (!download) refuseAsMissing(locals.locale, 'results.notFound');
	const pdf = await rendering(locals.locale, () => documentOf(locals.pdf, db, download.request));
	if (!pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(pdf, PDF, download.filename);
});
