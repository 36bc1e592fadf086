import type { ResultFilters } from './repository';

const int = (v: string | null, lo: number, hi: number) => {
	const n = Number(v);
	return v && Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
};

/** Reads the list filters from a URL; anything out of range is ignored, never an error. */
export function filtersOf(url: URL): ResultFilters {
	const p = url.searchParams;
	const level = p.get('level');
	return {
		q: (p.get('q') ?? '').trim().slice(0, 100) || undefined,
		year: int(p.get('year'), 2000, 2100),
		round: int(p.get('round'), 1, 12),
		level: level === 'province' || level === 'central' ? level : undefined,
		setNo: int(p.get('set'), 1, 999),
		stars: int(p.get('stars'), 1, 5)
	};
}
