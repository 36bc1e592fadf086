import { appContext } from '$lib/server/context';
import { canReadDossier } from '$lib/server/dossiers/access';
import { refuseAsMissing } from '$lib/server/not-found';
import { getFile, readStored } from '$lib/server/uploads/store';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function disposition(name: string): string {
	const ascii =
		name
			.normalize('NFD')
			.replace(/[^\x20-\x7e]/g, '')
			.replace(/["\\]/g, '') || 'file';
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A stored file, only for someone who may read its dossier (anyone else gets the same 404 as
 * for a file that does not exist: not-found.ts). Always an attachment, never sniffed, and
 * sandboxed should a browser render it anyway.
 */
export const GET: RequestHandler = guarded(({ params, locals }) => {
	const { db, config } = appContext();
	const file = getFile(db, params.id);
	if (!file || !locals.user || !canReadDossier(db, locals.user, file.dossierId))
		refuseAsMissing(locals.locale);
	const bytes = readStored(config.uploadDir, file.storedName);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': file.mime,
			'content-length': String(bytes.length),
			'content-disposition': disposition(file.originalName),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
			'cache-control': 'private, no-store'
		}
	});
});
