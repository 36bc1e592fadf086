import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { publicCertificate } from '$lib/server/certificates/public';
import { chainInfo, recordIntact } from '$lib/server/results/chain-info';
import { resultDetail } from '$lib/server/results/detail';
import { getResult } from '$lib/server/results/repository';
import { rowStanding } from '$lib/server/results/standing-facts';
import { vnDate } from '$lib/server/results/figures';
import { centralAnswer } from '$lib/server/ministry/common';
import type { PageServerLoad } from './$types';
import { seqParam } from '$lib/server/route-params';

// The public's pages are read, not worked in: links, a GET filter form and the language form all
// work as plain HTML, so the page ships no JavaScript. Hydrating the list or a product's score
// details cost a phone 1.0-1.4 s of blocked main thread (Lighthouse TBT) for nothing it needed;
// readers from a certificate's QR code arrive on exactly such phones.
export const csr = false;

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
		// Read on the page's own day, the day its cached copy is filed under (public-cache.ts).
		standing: rowStanding(found.row, vnDate(now())),
		certificate: publicCertificate(db, seq, now()),
		chain: chainInfo(db),
		intact: recordIntact(db, found.record, found.stored),
		// The Ministry's answer on a 5★ candidate, recorded from its signed package.
		central: centralAnswer(db, seq)
	};
};
