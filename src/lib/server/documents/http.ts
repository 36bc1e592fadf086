import { error } from '@sveltejs/kit';
import { translator, type Locale } from '../../i18n';
import { isRenderError } from './render-pool';

/** A generated file as a download; never cached, since access is checked per request. */
export function fileResponse(body: Buffer | string, type: string, name: string): Response {
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}

export const PDF = 'application/pdf';

/**
 * Makes a document, answering in the reader's language when it cannot be rendered now: 503 when
 * too many are waiting for a render worker (try again shortly), 500 when its render failed.
 */
export async function rendering<T>(locale: Locale, make: () => Promise<T>): Promise<T> {
	try {
		return await make();
	} catch (e) {
		for (const [code, status, key] of [
			['PDF_BUSY', 503, 'errors.documentBusy'],
			['PDF_FAILED', 500, 'errors.documentFailed']
		] as const)
			if (isRenderError(e, code)) error(status, { message: translator(locale)(key), key });
		throw e;
	}
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
