import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { reportDocument } from '$lib/server/documents';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/** The public evaluation report: published results only, member names as the council decided. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = appContext();
	const seq = seqParam(params.seq);
	const doc =
		Number.isInteger(seq) && seq > 0
			? await rendering(locals.locale, () =>
					reportDocument(locals.pdf, db, seq, { published: true })
				)
			: null;
	if (!doc)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return fileResponse(doc.pdf, PDF, `bao-cao-ket-qua-${seq}.pdf`);
};
