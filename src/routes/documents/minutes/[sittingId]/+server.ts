import { appContext } from '$lib/server/context';
import { documentOf, mayReadCouncilDocuments, sittingCouncil } from '$lib/server/documents';
import { fileResponse, PDF, rendering } from '$lib/server/documents/http';
import { refuseAsMissing } from '$lib/server/not-found';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/**
 * The sitting's minutes: for the council's members and the office only. The hook sends the
 * anonymous to sign in (access.ts); anyone else is answered as for a sitting that does not exist.
 */
export const GET: RequestHandler = guarded(async ({ params, locals }) => {
	const { db } = appContext();
	const councilId = sittingCouncil(db, params.sittingId);
	if (!councilId || !mayReadCouncilDocuments(db, locals.user, councilId))
		refuseAsMissing(locals.locale, 'results.notFound');
	const pdf = await rendering(locals.locale, () =>
		documentOf(locals.pdf, db, { doc: 'minutes', sittingId: params.sittingId })
	);
	if (!pdf) refuseAsMissing(locals.locale, 'results.notFound');
	return fileResponse(pdf, PDF, `bien-ban-${params.sittingId.replace(/[^\w-]/g, '')}.pdf`);
});
