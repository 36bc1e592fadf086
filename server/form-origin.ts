// Cross-site form posts refused at the entry point, before SvelteKit: the rule of
// src/lib/server/form-origin.ts (which also runs as a hook), here so that no answer of SvelteKit's
// own comes first (a 308 to a respelled path is given before any hook runs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_LOCALE, isLocale } from '../src/lib/i18n';
import type { AppContext } from '../src/lib/server/context';
import { refusalResponse } from '../src/lib/server/error-page';
import { isCrossSiteForm } from '../src/lib/server/form-origin';
import { applySecurityHeaders } from '../src/lib/server/security-headers';
import { plainLocale } from './public-pages';

/**
 * The entry point's check, made once per server: it answers a form posted from another origin
 * with the app's 403 refusal and returns true; false for any other request.
 */
export function crossSiteFormGuard(ctx: AppContext) {
	const own = new URL(ctx.config.origin).origin;
	return (req: IncomingMessage, res: ServerResponse): boolean => refuse(req, res, ctx, own);
}

function refuse(req: IncomingMessage, res: ServerResponse, ctx: AppContext, own: string): boolean {
	if (!isCrossSiteForm(req.method ?? 'GET', req.headers['content-type'], req.headers.origin, own))
		return false;
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
	// The language as the public pages read it; Vietnamese when the cookies do not say it plainly.
	const locale = plainLocale(req.headers.cookie);
	const refusal = refusalResponse(
		asked,
		isLocale(locale) ? locale : DEFAULT_LOCALE,
		403,
		'errors.crossSiteForm'
	);
	const headers = new Headers(refusal.headers);
	applySecurityHeaders(headers, {
		livekitUrl: ctx.config.livekit?.url ?? null,
		dev: ctx.config.dev,
		signedIn: false
	});
	void refusal.text().then((body) => {
		res.writeHead(403, Object.fromEntries(headers));
		res.end(body);
	});
	return true;
}
