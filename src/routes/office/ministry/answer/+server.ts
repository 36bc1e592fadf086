// POST, not GET: the first download records the answer package, so it is issued once.
import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { answerPackage } from '$lib/server/ministry/central';
import { downloadZip, requireLevel } from '$lib/server/ministry/http';
import { refusalError } from '$lib/server/refusal-kit';
import { guarded } from '$lib/server/require-area';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = guarded(async ({ request, locals }) => {
	const { db, config, now } = appContext();
	requireLevel(config.ministry.level, 'central', locals.locale);
	const form = await request.formData().catch(() => null);
	const seq = Number(String(form?.get('seq') ?? ''));
	if (!Number.isInteger(seq) || seq <= 0) {
		const t = translator(locals.locale);
		error(404, { message: t('errors.notFound'), key: 'errors.notFound' });
	}
	try {
		const pkg = answerPackage(db, { origin: config.origin }, seq, locals.user!.id, now());
		return downloadZip(pkg.bytes, pkg.fileName);
	} catch (e) {
		refusalError(e, locals.locale);
	}
});
