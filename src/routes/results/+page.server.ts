import { listProductSets } from '$lib/domain/rubrics';
import { appContext } from '$lib/server/context';
import { pageCount, pagingOf } from '$lib/server/paging';
import { chainInfo } from '$lib/server/results/chain-info';
import { averageDistribution, starsBySet } from '$lib/server/results/charts';
import { filtersOf } from '$lib/server/results/filters';
import { vnDate } from '$lib/server/results/figures';
import { listResults, resultChartCounts, resultYears } from '$lib/server/results/repository';
import { rowStanding } from '$lib/server/results/standing-facts';
import type { PageServerLoad } from './$types';

// The public's pages are read, not worked in: links, a GET filter form and the language form all
// work as plain HTML, so the page ships no JavaScript. Hydrating the list or a product's score
// details cost a phone 1.0-1.4 s of blocked main thread (Lighthouse TBT) for nothing it needed;
// readers from a certificate's QR code arrive on exactly such phones.
export const csr = false;

// Public: only rows joined to result_publications are ever read here.
export const load: PageServerLoad = ({ url }) => {
	const { db, now } = appContext();
	// Certificates are in force through their last day in Việt Nam: the page is filed under that
	// same day (public-cache.ts), so an expiry shows from the first request of the next day.
	const today = vnDate(now());
	const paging = pagingOf(url);
	const filters = filtersOf(url);
	const { rows, total } = listResults(db, filters, { published: true, today, ...paging });
	const counted = resultChartCounts(db, filters, true, today);
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
			standing: rowStanding(r, today)
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
