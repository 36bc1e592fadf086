import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { documentOf } from '$lib/server/documents';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/** The public evaluation report: published results only, member names as the council decided. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = appContext();
	const seq = seqParam(params.seq);
	// Gathered and rendered off the event loop (documentOf), as the council's downloads are.
	const pdf =
		seq > 0
			? await rendering(locals.locale, () =>
					documentOf(locals.pdf, db, { doc: 'report', seq, published: true })
				)
			: null;
	if (!pdf)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return fileResponse(pdf, PDF, `bao-cao-ket-qua-${seq}.pdf`);
};
