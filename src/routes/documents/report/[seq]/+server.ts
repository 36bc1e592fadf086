import { appContext } from '$lib/server/context';
import { documentOf } from '$lib/server/documents';
import { downloadFor } from '$lib/server/documents/downloads';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/**
 * The evaluation report. The council's members and the office read it (with names) from the
 * moment the result is locked; anyone else only once it is published (names as the council set),
 * and before that gets the answer for a result that does not exist.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = appContext();
	const download = downloadFor(db, locals.user, { kind: 'report', seq: seqParam(params.seq) });
	const pdf = download
		? await rendering(locals.locale, () => documentOf(locals.pdf, db, download.request))
		: null;
	if (!download || !pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(pdf, PDF, download.filename);
};
