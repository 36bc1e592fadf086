import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { mayReadCouncilDocuments, minutesDocument, sittingCouncil } from '$lib/server/documents';
import { fileResponse, PDF } from '$lib/server/documents/http';
import type { RequestHandler } from './$types';

/** The sitting's minutes: for the council's members and the office only. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = appContext();
	const t = translator(locals.locale);
	if (!locals.user)
		error(403, { message: t('errors.forbiddenTitle'), key: 'errors.forbiddenTitle' });
	const councilId = sittingCouncil(db, params.sittingId);
	if (!councilId || !mayReadCouncilDocuments(db, locals.user, councilId))
		error(404, { message: t('results.notFound'), key: 'results.notFound' });
	const pdf = await minutesDocument(db, params.sittingId);
	if (!pdf) error(404, { message: t('results.notFound'), key: 'results.notFound' });
	return fileResponse(pdf, PDF, `bien-ban-${params.sittingId.replace(/[^\w-]/g, '')}.pdf`);
};
