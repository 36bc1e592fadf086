// Chart data computed on the server from counted results (repository.ts resultChartCounts): the
// page only draws it. A row without `n` counts once.

type Counted<T> = T & { n?: number };

/** Averages binned by the star bands (RULES.md 5), so each bar is one band. */
export function averageDistribution(
	rows: Counted<{ averageHundredths: number | null }>[]
): { label: string; value: number }[] {
	const edges = [
		{ label: '< 30', lo: 0, hi: 30 },
		{ label: '30 – 49,99', lo: 30, hi: 50 },
		{ label: '50 – 69,99', lo: 50, hi: 70 },
		{ label: '70 – 89,99', lo: 70, hi: 90 },
		{ label: '≥ 90', lo: 90, hi: Infinity }
	];
	return edges.map((e) => ({
		label: e.label,
		value: rows
			.filter(
				(r) =>
					r.averageHundredths !== null &&
					r.averageHundredths >= e.lo * 100 &&
					r.averageHundredths < e.hi * 100
			)
			.reduce((sum, r) => sum + (r.n ?? 1), 0)
	}));
}

export function starsBySet(
	rows: Counted<{ productSetNo: number; stars: number | null }>[],
	setName: (no: number) => string
): { label: string; counts: Record<number, number> }[] {
	const bySet = new Map<number, Record<number, number>>();
	for (const r of rows) {
		if (r.stars === null) continue;
		const counts = bySet.get(r.productSetNo) ?? {};
		counts[r.stars] = (counts[r.stars] ?? 0) + (r.n ?? 1);
		bySet.set(r.productSetNo, counts);
	}
	return [...bySet.entries()]
		.sort(([a], [b]) => a - b)
		.map(([no, counts]) => ({ label: `${no}. ${setName(no)}`, counts }));
}
