import { appContext } from '$lib/server/context';
import { fileResponse, XLSX } from '$lib/server/documents/http';
import { readStatistics, statisticsXlsx } from '$lib/server/exports/statistics-export';
import { statFiltersOf } from '$lib/server/results/statistics';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

export const GET: RequestHandler = guarded(async ({ url, locals }) => {
	const stats = readStatistics(appContext().db, statFiltersOf(url), locals.locale);
	const name = locals.locale === 'vi' ? 'thong-ke-ocop' : 'ocop-statistics';
	return fileResponse(await statisticsXlsx(stats, locals.locale), XLSX, `${name}.xlsx`);
});
