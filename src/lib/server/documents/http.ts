import { error } from '@sveltejs/kit';
import { translator, type Locale } from '../../i18n';
import { isRenderError } from './render-pool';
import { Turns } from '../turns';

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

const gathering = new Turns();

/**
 * Runs the synchronous start of `make` (gathering the document's data from SQLite, its register
 * number, handing the job to a render thread: a few ms of the event loop each) one document at a
 * time, each after a turn of the event loop. Fifty downloads arriving together otherwise gathered
 * back to back, ~300 ms in which no live tick was served; in turn, the ticks go in between.
 * The wait for the render itself is not part of the turn.
 */
async function inTurn<T>(make: () => Promise<T>): Promise<T> {
	// Wrapped, so that the turn ends when `make` has started, not when its render is done.
	const { made } = await gathering.run(async () => ({ made: make() }));
	return made;
}

/**
 * Makes a document, answering in the reader's language when it cannot be rendered now: 503 when
 * too many are waiting for a render worker (try again shortly), 500 when its render failed.
 */
export async function rendering<T>(locale: Locale, make: () => Promise<T>): Promise<T> {
	try {
		return await inTurn(make);
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
