import { translator } from '$lib/i18n';
import { latestChainHead } from '$lib/server/chain-head';
import { appContext } from '$lib/server/context';
import { vnDate } from '$lib/server/results/figures';
import { fileResponse, XLSX } from '$lib/server/documents/http';
import { exportRows, toXlsx } from '$lib/server/exports/round-results';
import { statFiltersOf } from '$lib/server/results/statistics';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

export const GET: RequestHandler = guarded(async ({ url, locals }) => {
	const roundId = url.searchParams.get('roundId') || undefined;
	const { db, now } = appContext();
	const t = translator(locals.locale);
	const rows = exportRows(db, { ...statFiltersOf(url), roundId }, locals.locale, vnDate(now()));
	const title =
		rows[0] && roundId
			? t('results.stats.roundOf', { round: rows[0].round, year: rows[0].year })
			: t('results.export.sheet');
	return fileResponse(
		await toXlsx(rows, title, latestChainHead(db), locals.locale),
		XLSX,
		`ket-qua-ocop${roundId ? `-${roundId.replace(/[^\w-]/g, '')}` : ''}.xlsx`
	);
});
