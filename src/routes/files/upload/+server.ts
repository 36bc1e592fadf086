import { error, json, redirect } from '@sveltejs/kit';
import { FILE_KINDS, type FileKind } from '$lib/server/db/schema';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { isRefusal, refusalStatus } from '$lib/server/refusal';
import { MAX_FILE_BYTES, megabytes } from '$lib/server/uploads/limits';
import { storeUpload } from '$lib/server/uploads/store';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/** Only back to a page of the uploader's own area. */
function safeReturn(raw: string): string {
	return /^\/(producer|office)\/[\w/-]*$/.test(raw) ? raw : '/home';
}

const FILE_MB = megabytes(MAX_FILE_BYTES);

/** The 413 answer: JSON for the upload component, else back to the page the form was on. */
function tooLarge(request: Request, wantsJson: boolean, message: string): Response {
	if (wantsJson) return json({ ok: false, message }, { status: 413 });
	// The form (and its returnTo) was not read; the page it came from is in the Referer.
	let from = '';
	try {
		from = new URL(request.headers.get('referer') ?? '').pathname;
	} catch {
		/* no or bad Referer: the person's home */
	}
	const url = new URL(safeReturn(from), 'http://x');
	url.searchParams.set('uploadError', message);
	redirect(303, url.pathname + url.search);
}

/**
 * Receives one file: from the upload component (XMLHttpRequest, answers JSON) or a plain form
 * post without JavaScript (answers with a redirect back, the outcome in the query string).
 */
export const POST: RequestHandler = guarded(async ({ request, locals }) => {
	const user = locals.user;
	if (!user) error(401);
	const t = translator(locals.locale);
	const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// Over BODY_SIZE_LIMIT (adapter-node stops reading at the limit): name the per-file
		// limit, the one the person can act on, instead of a generic failure.
		if ((e as { status?: number })?.status === 413)
			return tooLarge(request, wantsJson, t('dossier.upload.tooLarge', { limit: FILE_MB }));
		error(400, { message: t('dossier.upload.failed') });
	}
	const returnTo = safeReturn(String(form.get('returnTo') ?? ''));
	const kind = String(form.get('kind') ?? '') as FileKind;
	const file = form.get('file');
	const reply = (ok: boolean, key: string, params: Record<string, unknown> = {}, status = 400) => {
		if (wantsJson)
			return json(
				{ ok, message: t(key, params), name: params.name },
				{ status: ok ? 200 : status }
			);
		const url = new URL(returnTo, 'http://x');
		url.searchParams.set(ok ? 'uploaded' : 'uploadError', t(key, params));
		redirect(303, url.pathname + url.search);
	};
	if (!(file instanceof File) || file.size === 0) return reply(false, 'dossier.upload.missing');
	if (!(FILE_KINDS as readonly string[]).includes(kind))
		return reply(false, 'dossier.upload.notAllowed');
	const { db, config, now } = appContext();
	try {
		const stored = storeUpload(
			db,
			config.uploadDir,
			user,
			{
				dossierId: String(form.get('dossierId') ?? ''),
				kind,
				leafCode: String(form.get('leafCode') ?? '') || null,
				name: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			},
			now()
		);
		return reply(true, 'dossier.upload.done', { name: stored.name });
	} catch (e) {
		if (isRefusal(e)) return reply(false, e.key, e.params, refusalStatus(e));
		throw e;
	}
});
