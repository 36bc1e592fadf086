import { listProductSets } from '$lib/domain/rubrics';
import { appContext } from '$lib/server/context';
import { pageCount, pagingOf } from '$lib/server/paging';
import { chainInfo } from '$lib/server/results/chain-info';
import { averageDistribution, starsBySet } from '$lib/server/results/charts';
import { filtersOf } from '$lib/server/results/filters';
import { listResults, resultChartCounts, resultYears } from '$lib/server/results/repository';
import type { PageServerLoad } from './$types';

// The public's pages are read, not worked in: links, a GET filter form and the language form all
// work as plain HTML, so the page ships no JavaScript. Hydrating the list or a product's score
// details cost a phone 1.0-1.4 s of blocked main thread (Lighthouse TBT) for nothing it needed;
// readers from a certificate's QR code arrive on exactly such phones.
export const csr = false;

// Public: only rows joined to result_publications are ever read here.
export const load: PageServerLoad = ({ url }) => {
	const { db } = appContext();
	const paging = pagingOf(url);
	const filters = filtersOf(url);
	const { rows, total } = listResults(db, filters, { published: true, ...paging });
	const counted = resultChartCounts(db, filters, true);
	const sets = listProductSets();
	const setName = (no: number) => sets.find((s) => s.no === no)?.name ?? String(no);
	return {
		rows: rows.map((r) => ({
			seq: r.seq,
			productName: r.productName,
			organization: r.organization,
			productSetNo: r.productSetNo,
			productSetName: setName(r.productSetNo),
			level: r.level,
			year: r.year,
			roundNo: r.roundNo,
			stars: r.stars,
			average: r.averageHundredths === null ? null : r.averageHundredths / 100,
			decisionNumber: r.decisionNumber,
			outcome: r.outcome,
			decisionStars: r.decisionStars,
			decidedOn: r.decidedOn
		})),
		total,
		page: paging.page,
		pages: pageCount(total, paging.limit),
		filters: { ...filters, q: filters.q ?? '' },
		years: resultYears(db, true),
		sets: sets.map((s) => ({ no: s.no, name: s.name })),
		distribution: averageDistribution(counted),
		bySet: starsBySet(counted, setName),
		chain: chainInfo(db)
	};
};
