import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import { SESSION_COOKIE } from '../src/lib/server/auth/session';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '../src/lib/i18n';
import {
	answerOf,
	publicGeneration,
	publicPageKey,
	vietnamDay,
	type PublicPageCache
} from '../src/lib/server/public-cache';

/**
 * The reader's language when their cookies say it plainly, else undefined: then the request is
 * left to SvelteKit, which parses cookies its own way. Only the answer is at stake here, never
 * access: a request that does not match a stored page exactly goes the long way.
 */
export function plainLocale(cookieHeader: string | undefined): string | undefined {
	if (!cookieHeader) return DEFAULT_LOCALE;
	let found: string | undefined;
	for (const pair of cookieHeader.split(';')) {
		const eq = pair.indexOf('=');
		const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
		if (name !== LOCALE_COOKIE) continue;
		const value = pair.slice(eq + 1).trim();
		if (found !== undefined || !isLocale(value)) return undefined;
		found = value;
	}
	return found ?? DEFAULT_LOCALE;
}

/**
 * Answers an anonymous reader's request for a public page that the app's hook has rendered and
 * stored (src/hooks.server.ts `publicPages`), without entering SvelteKit: on publication day
 * this is most requests, and SvelteKit's own routing and hooks cost more than the page's bytes.
 * The key is built from the raw request: a spelling that SvelteKit would normalise (encoded,
 * dotted, doubled) is not a stored key, so it falls through to SvelteKit, and so does any
 * request carrying a session cookie in any form, a data request, or a method other than GET.
 * Returns true when it answered.
 */
export function servePublicPage(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext,
	cache: PublicPageCache
): boolean {
	if (req.method !== 'GET' || cache.size === 0 || !req.url?.startsWith('/')) return false;
	const cookie = req.headers.cookie;
	if (cookie?.includes(SESSION_COOKIE)) return false;
	const locale = plainLocale(cookie);
	if (!locale) return false;
	const key = publicPageKey({
		locale,
		day: vietnamDay(ctx.now()),
		data: false,
		pathAndSearch: req.url
	});
	const page = cache.get(key, publicGeneration(ctx.db.$client), Date.now());
	if (!page) return false;
	const answer = answerOf(page, req.headers['accept-encoding']);
	for (const [name, value] of answer.headers) res.setHeader(name, value);
	res.setHeader('x-cache', 'hit');
	res.setHeader('content-length', answer.body.byteLength);
	res.writeHead(page.status);
	res.end(answer.body);
	return true;
}
