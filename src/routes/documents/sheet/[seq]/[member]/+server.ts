import { appContext } from '$lib/server/context';
import { documentOf, mayReadCouncilDocuments, resultCouncil } from '$lib/server/documents';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';
import { seqParam } from '$lib/server/route-params';

/**
 * A member's score sheet: for the council's members and the office only, never public. The hook
 * sends the anonymous to sign in (access.ts); anyone else is answered as for a missing sheet.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const seq = seqParam(params.seq);
	const councilId = Number.isInteger(seq) && seq > 0 ? resultCouncil(db, seq) : null;
	if (!councilId || !mayReadCouncilDocuments(db, locals.user, councilId))
		refuseAsMissing(locals.locale, 'results.notFound');
	const pdf = await rendering(locals.locale, () =>
		documentOf(locals.pdf, db, { doc: 'sheet', seq, member: params.member })
	);
	if (!pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(
		pdf,
		PDF,
		`phieu-danh-gia-${seq}-${params.member.replace(/[^\w-]/g, '')}.pdf`
	);
});
