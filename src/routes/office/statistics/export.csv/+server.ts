import { appContext } from '$lib/server/context';
import { fileResponse } from '$lib/server/documents/http';
import { readStatistics, statisticsCsv } from '$lib/server/exports/statistics-export';
import { statFiltersOf } from '$lib/server/results/statistics';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

export const GET: RequestHandler = guarded(({ url, locals }) => {
	const stats = readStatistics(appContext().db, statFiltersOf(url), locals.locale);
	const name = locals.locale === 'vi' ? 'thong-ke-ocop' : 'ocop-statistics';
	return fileResponse(
		statisticsCsv(stats, locals.locale),
		'text/csv; charset=utf-8',
		`${name}.csv`
	);
});
