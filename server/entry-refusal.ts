// A refusal answered at the entry point, before SvelteKit (server/form-origin.ts,
// server/form-body-limit.ts): the app's own refusal page or JSON, in the reader's language as the
// public pages read it, with the app's security headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_LOCALE, isLocale } from '../src/lib/i18n';
import type { AppContext } from '../src/lib/server/context';
import { refusalResponse } from '../src/lib/server/error-page';
import { applySecurityHeaders } from '../src/lib/server/security-headers';
import { plainLocale } from './public-pages';

export function sendEntryRefusal(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext,
	own: string,
	status: 400 | 403 | 405 | 413,
	key: string,
	params?: Record<string, string | number>
): void {
	let url: URL;
	try {
		url = new URL(req.url ?? '/', own);
	} catch {
		url = new URL(own);
	}
	// Only what decides between the page and JSON travels to the refusal.
	const asked = new Request(url, {
		headers: {
			accept: String(req.headers.accept ?? ''),
			'x-sveltekit-action': String(req.headers['x-sveltekit-action'] ?? '')
		}
	});
	// Vietnamese when the cookies do not say the language plainly.
	const locale = plainLocale(req.headers.cookie);
	const refusal = refusalResponse(
		asked,
		isLocale(locale) ? locale : DEFAULT_LOCALE,
		status,
		key,
		params
	);
	const headers = new Headers(refusal.headers);
	applySecurityHeaders(headers, {
		livekitUrl: ctx.config.livekit?.url ?? null,
		dev: ctx.config.dev,
		signedIn: false
	});
	void refusal.text().then((body) => {
		res.writeHead(status, Object.fromEntries(headers));
		res.end(body);
	});
}
