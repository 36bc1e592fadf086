import { appContext } from '$lib/server/context';
import { readStatistics } from '$lib/server/exports/statistics-export';
import { listResults } from '$lib/server/results/repository';
import {
	DIMENSIONS,
	OUTCOME_KEYS,
	outcomeLabel,
	statFiltersOf
} from '$lib/server/results/statistics';
import { setLabel } from '$lib/server/exports/round-results';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

// The hook admits office and admin only (/office): unpublished results are counted here too.
export const load: PageServerLoad = guarded(({ url, locals }) => {
	const { db } = appContext();
	const filters = statFiltersOf(url);
	// The pickers offer what exists, whatever is filtered now.
	const every = listResults(db, {}, { published: false, limit: 100_000, offset: 0 }).rows;
	const uniq = <T>(xs: T[]) => [...new Set(xs)];
	return {
		stats: readStatistics(db, filters, locals.locale),
		dimensions: DIMENSIONS,
		filters: {
			year: filters.year ?? null,
			round: filters.round ?? null,
			level: filters.level ?? '',
			set: filters.setNo ?? null,
			stars: filters.stars ?? null,
			commune: filters.commune ?? '',
			outcome: filters.outcome ?? ''
		},
		options: {
			years: uniq(every.map((r) => r.year)).sort((a, b) => b - a),
			rounds: uniq(every.map((r) => r.roundNo)).sort((a, b) => a - b),
			sets: uniq(every.map((r) => r.productSetNo))
				.sort((a, b) => a - b)
				.map((no) => ({ no, label: setLabel(no) })),
			communes: uniq(every.map((r) => r.commune).filter((c): c is string => !!c)).sort((a, b) =>
				a.localeCompare(b, 'vi')
			),
			outcomes: OUTCOME_KEYS.map((key) => ({ key, label: outcomeLabel(key, locals.locale) }))
		},
		query: url.searchParams.toString()
	};
});
