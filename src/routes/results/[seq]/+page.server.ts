import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { publicCertificate } from '$lib/server/certificates/public';
import { chainInfo, recordIntact } from '$lib/server/results/chain-info';
import { resultDetail } from '$lib/server/results/detail';
import { getResult } from '$lib/server/results/repository';
import { centralAnswer } from '$lib/server/ministry/common';
import type { PageServerLoad } from './$types';
import { seqParam } from '$lib/server/route-params';

export const load: PageServerLoad = ({ params, locals }) => {
	const t = translator(locals.locale);
	const seq = seqParam(params.seq);
	const { db, now } = appContext();
	// Public: an unpublished result answers exactly like a missing one.
	const found = Number.isInteger(seq) && seq > 0 ? getResult(db, seq, { published: true }) : null;
	if (!found) error(404, { message: t('results.notFound'), key: 'results.notFound' });
	const detail = resultDetail(db, found.row, found.record, {
		showNames: found.row.publishMemberNames,
		anonymous: (n) => t('results.memberN', { n })
	});
	return {
		detail,
		certificate: publicCertificate(db, seq, now()),
		chain: chainInfo(db),
		intact: recordIntact(db, found.record, found.stored),
		// The Ministry's answer on a 5★ candidate, recorded from its signed package.
		central: centralAnswer(db, seq)
	};
};
