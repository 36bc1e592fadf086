// What the ministry routes share: the level gate and the uploaded package. A package's refusals
// are Refusals (refusal.ts), answered by the adapters of refusal-kit.ts.

import { error, fail } from '@sveltejs/kit';
import { translator, type Locale } from '../../i18n';
import { bodySizeLimit, megabytes } from '../uploads/limits';
import { PACKAGE_LIMITS } from './package';

/** Province functions on a central deployment (and the reverse) answer 403 with the reason. */
export function requireLevel(
	level: 'province' | 'central',
	wanted: 'province' | 'central',
	locale: Locale
): void {
	if (level !== wanted)
		error(403, {
			message: translator(locale)('ministry.errors.wrongLevel'),
			key: 'ministry.errors.wrongLevel'
		});
}

function packageLimit(): string {
	return megabytes(Math.min(PACKAGE_LIMITS.maxTotalBytes, bodySizeLimit()));
}

/** The uploaded .zip's bytes, or a fail() with the reason. */
export async function uploadedPackage(request: Request, locale: Locale) {
	const t = translator(locale);
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// Over BODY_SIZE_LIMIT: SvelteKit's own 413 names the limit (hooks.server.ts).
		if ((e as { status?: number })?.status === 413) throw e;
		return fail(400, { message: t('ministry.errors.notZip') });
	}
	const file = form.get('package');
	if (!(file instanceof File) || file.size === 0)
		return fail(400, { message: t('ministry.errors.noFile') });
	if (file.size > PACKAGE_LIMITS.maxTotalBytes)
		return fail(413, { message: t('ministry.errors.tooLarge', { limit: packageLimit() }) });
	return new Uint8Array(await file.arrayBuffer());
}

export function downloadZip(bytes: Buffer, name: string): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}
