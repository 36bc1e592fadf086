import { latestChainHead } from '$lib/server/chain-head';
import { appContext } from '$lib/server/context';
import { fileResponse } from '$lib/server/documents/http';
import { exportRows, toCsv } from '$lib/server/exports/round-results';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

export const GET: RequestHandler = guarded(({ url }) => {
	const roundId = url.searchParams.get('roundId') || undefined;
	const { db } = appContext();
	const csv = toCsv(exportRows(db, { roundId }), latestChainHead(db));
	return fileResponse(
		csv,
		'text/csv; charset=utf-8',
		`ket-qua-ocop${roundId ? `-${roundId.replace(/[^\w-]/g, '')}` : ''}.csv`
	);
});
