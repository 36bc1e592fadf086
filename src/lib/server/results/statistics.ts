// What an office reports about its results: counts, mean average and how many reached 3★, by
// year, round, level, product set, commune, stars and outcome. Pure over the rows read with the
// list's filters; commune and outcome are filtered here (neither is a column of the record).

import { listProductSets } from '../../domain/rubrics';
import { translator, type Locale } from '../../i18n';
import { filtersOf } from './filters';
import type { ResultFilters, ResultRow } from './repository';

export const OUTCOME_KEYS = [
	'recognized',
	'not-recognized',
	'forwarded-central',
	'returned',
	'blocked-quorum',
	'blocked-incomplete',
	'blocked-spread'
] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export const DIMENSIONS = [
	'year',
	'round',
	'level',
	'set',
	'commune',
	'stars',
	'outcome',
	'decision'
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface ExtraFilters {
	commune?: string;
	outcome?: OutcomeKey;
}

type Row = Pick<
	ResultRow,
	| 'year'
	| 'roundNo'
	| 'level'
	| 'productSetNo'
	| 'commune'
	| 'stars'
	| 'averageHundredths'
	| 'resultOutcome'
	| 'blocked'
	| 'outcome'
	| 'decisionStars'
>;

/**
 * Where a result stands by decision, apart from the council's conclusion: recognised at the
 * level the decision names (a returned 5★ candidate at 3★ or 4★), forwarded and awaiting the
 * Ministry, awaiting the province's decision, or nothing to decide (below 3★, or not concluded).
 */
export function decisionKey(
	row: Pick<Row, 'outcome' | 'decisionStars' | 'resultOutcome' | 'blocked'>
): string {
	if (row.outcome === 'recognized') return `recognized-${row.decisionStars ?? 0}`;
	if (row.outcome === 'forwarded-central') return 'forwarded';
	if (row.blocked || !row.resultOutcome) return 'none';
	return row.resultOutcome === 'not-recognized' ? 'none' : 'awaiting';
}

export function outcomeKey(row: Pick<Row, 'resultOutcome' | 'blocked'>): OutcomeKey {
	const key = row.resultOutcome ?? `blocked-${row.blocked ?? 'incomplete'}`;
	return (OUTCOME_KEYS as readonly string[]).includes(key) ? (key as OutcomeKey) : 'returned';
}

export function outcomeLabel(key: OutcomeKey, locale: Locale): string {
	const t = translator(locale);
	return key.startsWith('blocked-')
		? `${t('results.stats.blocked')}: ${t(`results.blocked.${key.slice(8)}`)}`
		: t(`results.outcomes.${key}`);
}

export function matchesExtra(row: Row, f: ExtraFilters): boolean {
	return (
		(!f.commune || (row.commune ?? '') === f.commune) &&
		(!f.outcome || outcomeKey(row) === f.outcome)
	);
}

/** The list's filters plus commune and outcome; anything unknown is ignored, never an error. */
export function statFiltersOf(url: URL): ResultFilters & ExtraFilters {
	const commune = (url.searchParams.get('commune') ?? '').trim().slice(0, 100) || undefined;
	const outcome = url.searchParams.get('outcome') ?? '';
	return {
		...filtersOf(url),
		commune,
		outcome: (OUTCOME_KEYS as readonly string[]).includes(outcome)
			? (outcome as OutcomeKey)
			: undefined
	};
}

export interface StatGroup {
	key: string;
	label: string;
	count: number;
	/** Mean of the averages (2 decimals), null when none of the group has one. */
	average: number | null;
	/** How many reached 3★ or more. */
	atLeast3: number;
}

export interface Statistics {
	total: number;
	average: number | null;
	atLeast3: number;
	by: Record<Dimension, StatGroup[]>;
}

function keyOf(row: Row, d: Dimension): string {
	switch (d) {
		case 'year':
			return String(row.year);
		case 'round':
			return `${row.year}-${String(row.roundNo).padStart(2, '0')}`;
		case 'level':
			return row.level;
		case 'set':
			return String(row.productSetNo).padStart(3, '0');
		case 'commune':
			return row.commune ?? '';
		case 'stars':
			return row.stars === null ? '0' : String(row.stars);
		case 'outcome':
			return outcomeKey(row);
		case 'decision':
			return decisionKey(row);
	}
}

function labelOf(row: Row, d: Dimension, locale: Locale): string {
	const t = translator(locale);
	switch (d) {
		case 'year':
			return String(row.year);
		case 'round':
			return t('results.stats.roundOf', { round: row.roundNo, year: row.year });
		case 'level':
			return t(`results.levels.${row.level}`);
		case 'set': {
			const set = listProductSets().find((s) => s.no === row.productSetNo);
			return set ? `${row.productSetNo}. ${set.name}` : String(row.productSetNo);
		}
		case 'commune':
			return row.commune || t('results.stats.noCommune');
		case 'stars':
			return row.stars === null ? t('results.stats.noStars') : `${row.stars}★`;
		case 'outcome':
			return outcomeLabel(outcomeKey(row), locale);
		case 'decision': {
			const key = decisionKey(row);
			return key.startsWith('recognized-')
				? t('results.stats.decisionOf.recognized', { stars: key.slice(11) })
				: t(`results.stats.decisionOf.${key}`);
		}
	}
}

function summarise(rows: Row[]): { count: number; average: number | null; atLeast3: number } {
	const scored = rows.filter((r) => r.averageHundredths !== null);
	const sum = scored.reduce((s, r) => s + r.averageHundredths!, 0);
	return {
		count: rows.length,
		average: scored.length ? Math.round(sum / scored.length) / 100 : null,
		atLeast3: rows.filter((r) => (r.stars ?? 0) >= 3).length
	};
}

// Years newest first; everything else in its natural order (sets by number, stars 5 → none).
const ORDER: Record<Dimension, 1 | -1> = {
	year: -1,
	round: -1,
	level: 1,
	set: 1,
	commune: 1,
	stars: -1,
	outcome: 1,
	decision: 1
};

const DECISION_ORDER = ['recognized-5', 'recognized-4', 'recognized-3', 'forwarded', 'awaiting'];
const explicitOrder: Partial<Record<Dimension, (key: string) => number>> = {
	outcome: (k) => OUTCOME_KEYS.indexOf(k as OutcomeKey),
	// Unknown keys (none) last.
	decision: (k) => (DECISION_ORDER.indexOf(k) + 99) % 99
};

export function statisticsOf(rows: Row[], locale: Locale): Statistics {
	const by = {} as Record<Dimension, StatGroup[]>;
	for (const d of DIMENSIONS) {
		const groups = new Map<string, Row[]>();
		for (const r of rows) {
			const k = keyOf(r, d);
			groups.set(k, [...(groups.get(k) ?? []), r]);
		}
		const order = explicitOrder[d];
		by[d] = [...groups.entries()]
			.sort(([a], [b]) =>
				order ? order(a) - order(b) : ORDER[d] * a.localeCompare(b, 'vi', { numeric: true })
			)
			.map(([key, members]) => ({
				key,
				label: labelOf(members[0], d, locale),
				...summarise(members)
			}));
	}
	const all = summarise(rows);
	return { total: all.count, average: all.average, atLeast3: all.atLeast3, by };
}
