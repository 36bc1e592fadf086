import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { fileResponse } from '$lib/server/documents/http';
import { bundleFileName, bundleJson, issueBundle } from '$lib/server/exports/bundle';
import { getResult } from '$lib/server/results/repository';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';
import { seqParam } from '$lib/server/route-params';

export const GET: RequestHandler = guarded(({ params, locals }) => {
	const seq = seqParam(params.seq);
	const { db } = appContext();
	const found = Number.isInteger(seq) && seq > 0 ? getResult(db, seq, { published: false }) : null;
	if (!found)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return fileResponse(
		bundleJson(issueBundle(db, found.record)),
		'application/json; charset=utf-8',
		bundleFileName(found.record)
	);
});
