import { appContext } from '$lib/server/context';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { mayReadNotice, noticeDocument } from '$lib/server/documents/notices';
import { refuseAsMissing } from '$lib/server/not-found';
import { guarded } from '$lib/server/require-area';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/**
 * The notice of a result: the office's from the moment the result is locked, the producer's for
 * their own product once it is published. Anyone else is answered as for a missing result.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const seq = /^[1-9]\d{0,9}$/.test(params.seq) ? seqParam(params.seq) : 0;
	if (!seq || !mayReadNotice(db, locals.user, seq))
		refuseAsMissing(locals.locale, 'results.notFound');
	const doc = await rendering(locals.locale, () => noticeDocument(locals.pdf, db, seq));
	if (!doc) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(doc.pdf, PDF, `thong-bao-ket-qua-${seq}.pdf`);
});
