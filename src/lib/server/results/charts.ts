// Chart data computed on the server from counted results (repository.ts resultChartCounts): the
// page only draws it. A row without `n` counts once.

type Counted<T> = T & { n?: number };

/**
 * Averages binned by the star bands (RULES.md 5), so each bar is one band. Each bar names its
 * band by its bounds (`lo`, `hi`): the page writes them in the reader's language
 * (`scoreBandLabel`), "30 – 49,99" or "30 – 49.99".
 */
export function averageDistribution(
	rows: Counted<{ averageHundredths: number | null }>[]
): { lo: number; hi: number | null; value: number }[] {
	const edges = [
		{ lo: 0, hi: 30 },
		{ lo: 30, hi: 50 },
		{ lo: 50, hi: 70 },
		{ lo: 70, hi: 90 },
		{ lo: 90, hi: null }
	];
	return edges.map((e) => ({
		...e,
		value: rows
			.filter(
				(r) =>
					r.averageHundredths !== null &&
					r.averageHundredths >= e.lo * 100 &&
					(e.hi === null || r.averageHundredths < e.hi * 100)
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
