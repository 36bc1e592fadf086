import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { bundleFileName, bundleJson, issueBundle } from '$lib/server/exports/bundle';
import { getResult } from '$lib/server/results/repository';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/**
 * The published locked record, unchanged so that `ocop verify` can re-check it. Members appear
 * by their opaque account id (the receipts cover it); names are never in the record.
 */
export const GET: RequestHandler = ({ params, locals }) => {
	const { db } = appContext();
	const seq = seqParam(params.seq);
	const found = Number.isInteger(seq) && seq > 0 ? getResult(db, seq, { published: true }) : null;
	if (!found)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return new Response(bundleJson(issueBundle(db, found.record)), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${bundleFileName(found.record)}"`
		}
	});
};
