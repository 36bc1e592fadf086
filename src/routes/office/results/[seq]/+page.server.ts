import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { minutesExist } from '$lib/server/documents';
import { recordIntact } from '$lib/server/results/chain-info';
import { resultDetail } from '$lib/server/results/detail';
import { getResult, userNames } from '$lib/server/results/repository';
import { rowStanding } from '$lib/server/results/standing-facts';
import { vnDate } from '$lib/server/results/figures';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';
import { seqParam } from '$lib/server/route-params';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const t = translator(locals.locale);
	const seq = seqParam(params.seq);
	const { db, now } = appContext();
	const found = Number.isInteger(seq) && seq > 0 ? getResult(db, seq, { published: false }) : null;
	if (!found) error(404, { message: t('results.notFound'), key: 'results.notFound' });
	const names = userNames(
		db,
		found.record.cards.map((c) => c.member)
	);
	return {
		detail: resultDetail(db, found.row, found.record, {
			showNames: true,
			anonymous: (n) => t('results.memberN', { n })
		}),
		standing: rowStanding(found.row, vnDate(now())),
		intact: recordIntact(db, found.record, found.stored),
		sittingId: found.row.sittingId,
		minutes: minutesExist(db, found.row.sittingId),
		published: found.row.publishedAt !== null,
		sheets: found.record.cards.map((c) => ({
			member: c.member,
			name: names.get(c.member) ?? c.member,
			recused: c.recused
		}))
	};
});
