import { appContext } from '$lib/server/context';
import { documentOf, mayReadCouncilDocuments, resultCouncil } from '$lib/server/documents';
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
	const seq = seqParam(params.seq);
	const councilId = Number.isInteger(seq) && seq > 0 ? resultCouncil(db, seq) : null;
	const insider = councilId !== null && mayReadCouncilDocuments(db, locals.user, councilId);
	const pdf = councilId
		? await rendering(locals.locale, () =>
				documentOf(locals.pdf, db, {
					doc: 'report',
					seq,
					published: !insider,
					showNames: insider ? true : undefined
				})
			)
		: null;
	if (!pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(pdf, PDF, `bao-cao-ket-qua-${seq}.pdf`);
};
