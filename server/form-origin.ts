// Cross-site form posts refused at the entry point, before SvelteKit: the rule of
// src/lib/server/form-origin.ts (which also runs as a hook), here so that no answer of SvelteKit's
// own comes first (a 308 to a respelled path is given before any hook runs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from '../src/lib/i18n';
import type { AppContext } from '../src/lib/server/context';
import { refusalResponse } from '../src/lib/server/error-page';
import { isCrossSiteForm } from '../src/lib/server/form-origin';
import { applySecurityHeaders } from '../src/lib/server/security-headers';

/** The reader's language from the cookie the app sets (Vietnamese unless they chose English). */
function localeOf(cookieHeader: string | undefined): Locale {
	for (const pair of (cookieHeader ?? '').split(';')) {
		const eq = pair.indexOf('=');
		if (eq < 0 || pair.slice(0, eq).trim() !== LOCALE_COOKIE) continue;
		const value = pair.slice(eq + 1).trim();
		if (isLocale(value)) return value;
	}
	return DEFAULT_LOCALE;
}

/** Answers a form posted from another origin with the app's 403 refusal; false for any other. */
export function refuseCrossSiteForm(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext
): boolean {
	const own = new URL(ctx.config.origin).origin;
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
	const refusal = refusalResponse(asked, localeOf(req.headers.cookie), 403, 'errors.crossSiteForm');
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
