import { latestChainHead } from '$lib/server/chain-head';
import { appContext } from '$lib/server/context';
import { vnDate } from '$lib/server/results/figures';
import { fileResponse } from '$lib/server/documents/http';
import { exportRows, toCsv } from '$lib/server/exports/round-results';
import { statFiltersOf } from '$lib/server/results/statistics';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

// The round picker's roundId, or the statistics page's filters: the file holds what was shown.
export const GET: RequestHandler = guarded(({ url, locals }) => {
	const roundId = url.searchParams.get('roundId') || undefined;
	const { db, now } = appContext();
	const rows = exportRows(db, { ...statFiltersOf(url), roundId }, locals.locale, vnDate(now()));
	const csv = toCsv(rows, latestChainHead(db), locals.locale);
	return fileResponse(
		csv,
		'text/csv; charset=utf-8',
		`ket-qua-ocop${roundId ? `-${roundId.replace(/[^\w-]/g, '')}` : ''}.csv`
	);
});
