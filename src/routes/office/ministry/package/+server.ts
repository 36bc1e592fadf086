// POST, not GET: the first download numbers the letter in the register and records the package.
import { error } from '@sveltejs/kit';
import { hasControlChars } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { rendering } from '$lib/server/documents/http';
import { downloadZip, requireLevel } from '$lib/server/ministry/http';
import { refusalError } from '$lib/server/refusal-kit';
import { candidatePackage } from '$lib/server/ministry/province';
import { guarded } from '$lib/server/require-area';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = guarded(async ({ request, locals }) => {
	const { db, config, now } = appContext();
	requireLevel(config.ministry.level, 'province', locals.locale);
	const t = translator(locals.locale);
	const form = await request.formData().catch(() => null);
	const field = (k: string) =>
		String(form?.get(k) ?? '')
			.trim()
			.slice(0, 200);
	const seq = Number(field('seq'));
	const signer = { signer: field('signer'), signerTitle: field('signerTitle') };
	if (!Number.isInteger(seq) || seq <= 0)
		error(404, { message: t('errors.notFound'), key: 'errors.notFound' });
	if (!signer.signer || !signer.signerTitle)
		error(400, { message: t('ministry.errors.badSigner'), key: 'ministry.errors.badSigner' });
	// Printed on the letter the package carries.
	if (hasControlChars(signer.signer) || hasControlChars(signer.signerTitle))
		error(400, { message: t('errors.controlChars'), key: 'errors.controlChars' });
	try {
		const pkg = await rendering(locals.locale, () =>
			candidatePackage(
				locals.pdf,
				db,
				{ uploadDir: config.uploadDir, origin: config.origin },
				seq,
				signer,
				locals.user!.id,
				now()
			)
		);
		return downloadZip(pkg.bytes, pkg.fileName);
	} catch (e) {
		refusalError(e, locals.locale);
	}
});
