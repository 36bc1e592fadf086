// The statistics page's tables as a file: a summary, then one table per dimension (one sheet each
// in XLSX, sections in CSV), in the reader's language.

import { translator, type Locale } from '../../i18n';
import type { Q } from '../db/client';
import { listResults, type ResultFilters } from '../results/repository';
import {
	DIMENSIONS,
	matchesExtra,
	statisticsOf,
	type ExtraFilters,
	type Statistics
} from '../results/statistics';
import { tablesCsv, tablesXlsx, type Cell, type Column, type Table } from './table';

type Key = 'group' | 'count' | 'average' | 'atLeast3' | 'share';

/** Results matching the filters, statistics over them. */
export function readStatistics(db: Q, filters: ResultFilters & ExtraFilters, locale: Locale) {
	const { rows } = listResults(db, filters, { published: false, limit: 100_000, offset: 0 });
	return statisticsOf(
		rows.filter((r) => matchesExtra(r, filters)),
		locale
	);
}

const share = (n: number, of: number): Cell => (of ? Math.round((n / of) * 10_000) / 100 : null);

export function statisticsTables(stats: Statistics, locale: Locale): Table<Key>[] {
	const t = translator(locale);
	const columns = (group: string): Column<Key>[] => [
		{ key: 'group', header: group, kind: 'text', width: 36 },
		{ key: 'count', header: t('results.stats.total'), kind: 'int' },
		{ key: 'average', header: t('results.stats.average'), kind: 'average' },
		{ key: 'atLeast3', header: t('results.stats.atLeast3'), kind: 'int' },
		{ key: 'share', header: `${t('results.stats.share')} (%)`, kind: 'decimal' }
	];
	const summary: Table<Key> = {
		name: t('results.stats.summary'),
		columns: columns(t('results.stats.group')),
		rows: [
			{
				group: t('results.stats.all'),
				count: stats.total,
				average: stats.average,
				atLeast3: stats.atLeast3,
				share: share(stats.atLeast3, stats.total)
			}
		]
	};
	return [
		summary,
		...DIMENSIONS.map((d) => {
			const by = t(`results.stats.by.${d}`);
			return {
				name: `${t('results.stats.total')} ${by}`,
				columns: columns(t(`results.stats.${d === 'round' ? 'roundNo' : d}`)),
				rows: stats.by[d].map((g) => ({
					group: g.label,
					count: g.count,
					average: g.average,
					atLeast3: g.atLeast3,
					share: share(g.atLeast3, g.count)
				}))
			};
		})
	];
}

export const statisticsCsv = (stats: Statistics, locale: Locale) =>
	tablesCsv(statisticsTables(stats, locale), locale, { titles: true });

export const statisticsXlsx = (stats: Statistics, locale: Locale) =>
	tablesXlsx(statisticsTables(stats, locale));
