import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { mayReadCouncilDocuments, resultCouncil, scoreSheetDocument } from '$lib/server/documents';
import { fileResponse, PDF } from '$lib/server/documents/http';
import type { RequestHandler } from './$types';

/** A member's score sheet: for the council's members and the office only, never public. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { db } = appContext();
	const t = translator(locals.locale);
	if (!locals.user)
		error(403, { message: t('errors.forbiddenTitle'), key: 'errors.forbiddenTitle' });
	const seq = Number(params.seq);
	const councilId = Number.isInteger(seq) && seq > 0 ? resultCouncil(db, seq) : null;
	if (!councilId || !mayReadCouncilDocuments(db, locals.user, councilId))
		error(404, { message: t('results.notFound'), key: 'results.notFound' });
	const pdf = await scoreSheetDocument(db, seq, params.member);
	if (!pdf) error(404, { message: t('results.notFound'), key: 'results.notFound' });
	return fileResponse(
		pdf,
		PDF,
		`phieu-danh-gia-${seq}-${params.member.replace(/[^\w-]/g, '')}.pdf`
	);
};
