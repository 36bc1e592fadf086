import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { certificateDocument } from '$lib/server/documents/official';
import { certificateOf } from '$lib/server/certificates/standing';
import { vnDate } from '$lib/server/results/figures';
import { getResult } from '$lib/server/results/repository';
import type { RequestHandler } from './$types';
import { seqParam } from '$lib/server/route-params';

/** A recognised product's certificate: public once the result is published, like its page. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db, config, now } = appContext();
	const seq = seqParam(params.seq);
	// The office issues the certificate with the decision, which may come before the result is
	// published (RULES.md, procedure 5): its staff print it from the decision's page. Anyone
	// else reads published results only, so an unpublished one still answers as missing.
	const role = locals.user?.role;
	const published = !(role === 'office' || role === 'admin');
	// A revoked or replaced certificate is not printed again as if it were valid; its page says
	// why (a replaced one names the certificate that replaced it).
	const visible = Number.isInteger(seq) && seq > 0 && !!getResult(db, seq, { published });
	const cert = visible ? certificateOf(db, seq, vnDate(now())) : null;
	if (cert && (cert.revocation || cert.standing.phase === 'superseded'))
		error(410, {
			message: translator(locals.locale)('certificates.public.notValid'),
			key: 'certificates.public.notValid'
		});
	const pdf =
		Number.isInteger(seq) && seq > 0
			? await rendering(locals.locale, () =>
					certificateDocument(locals.pdf, db, seq, {
						published,
						origin: config.origin,
						now: now()
					})
				)
			: null;
	if (!pdf)
		error(404, { message: translator(locals.locale)('results.notFound'), key: 'results.notFound' });
	return fileResponse(pdf, PDF, `giay-chung-nhan-ocop-${seq}.pdf`);
};
