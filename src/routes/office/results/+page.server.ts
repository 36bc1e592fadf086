import { fail } from '@sveltejs/kit';
import { listProductSets } from '$lib/domain/rubrics';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { minutesExist } from '$lib/server/documents';
import { pageCount, pagingOf } from '$lib/server/paging';
import { averageDistribution, starsBySet } from '$lib/server/results/charts';
import { filtersOf } from '$lib/server/results/filters';
import { listResults, lockedSittings, resultChartCounts } from '$lib/server/results/repository';
import { publishResult, publicationPreview } from '$lib/server/results/publication';
import { formFailure } from '$lib/server/refusal-kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

// The hook admits office and admin only (/office); every locked result is listed here.
export const load: PageServerLoad = guarded(({ url }) => {
	const { db } = appContext();
	const paging = pagingOf(url);
	const roundId = url.searchParams.get('roundId') || undefined;
	const filters = { ...filtersOf(url), roundId };
	const { rows, total } = listResults(db, filters, { published: false, ...paging });
	const counted = resultChartCounts(db, filters, false);
	const sets = listProductSets();
	const locked = lockedSittings(db);
	const setName = (no: number) => sets.find((s) => s.no === no)?.name ?? String(no);
	return {
		rows: rows.map((r) => ({
			seq: r.seq,
			productName: r.productName,
			organization: r.organization,
			productSetNo: r.productSetNo,
			roundName: r.roundName,
			sittingTitle: r.sittingTitle,
			stars: r.stars,
			average: r.averageHundredths === null ? null : r.averageHundredths / 100,
			published: r.publishedAt !== null,
			decisionNumber: r.decisionNumber
		})),
		total,
		page: paging.page,
		pages: pageCount(total, paging.limit),
		q: paging.q,
		roundId: roundId ?? '',
		rounds: locked.rounds,
		// The minutes offered are those of sittings that were held (a written round has none).
		sittings: locked.sittings.filter((s) => minutesExist(db, s.id)),
		distribution: averageDistribution(counted),
		bySet: starsBySet(counted, setName)
	};
});

export const actions: Actions = {
	publish: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const data = await request.formData();
		const seq = Number(data.get('seq'));
		if (!Number.isInteger(seq) || seq < 1) return fail(400, { message: t('results.notFound') });
		const { db, now } = appContext();
		try {
			// Publishing cannot be taken back, so it is confirmed on the server too: a press that
			// lands before the page's script (or without one) is answered with the question, not
			// with a publication.
			if (data.get('confirmed') !== '1') return { confirm: publicationPreview(db, seq) };
			db.transaction((tx) => publishResult(tx, seq, locals.user!.id, now()));
		} catch (e) {
			const failure = formFailure(e, locals.locale);
			if (failure) return failure;
			throw e;
		}
		return { published: seq };
	})
};
