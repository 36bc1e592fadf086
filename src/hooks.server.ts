import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translator, type Locale } from '$lib/i18n';
import { accessFor } from '$lib/server/access';
import {
	SESSION_COOKIE,
	sessionCookieAttributes,
	validateSessionToken
} from '$lib/server/auth/session';
import { appContext } from '$lib/server/context';
import { refusalResponse } from '$lib/server/error-page';
import { validateAllRubrics } from '$lib/domain/rubrics';

export function init() {
	// Fail at start, not on the first request: bad configuration or a malformed rubric.
	appContext();
	validateAllRubrics();
}

const locale: Handle = ({ event, resolve }) => {
	const chosen = event.cookies.get(LOCALE_COOKIE);
	// Vietnamese unless the person chose otherwise: officials' browsers are often set to English.
	const lang: Locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	event.locals.locale = lang;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};

const session: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db, sessionPolicy, config, now } = appContext();
		const found = validateSessionToken(db, token, sessionPolicy, now());
		if (found) {
			event.locals.user = found.user;
			event.locals.session = found.session;
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/', secure: !config.dev });
		}
		if (found) {
			event.cookies.set(SESSION_COOKIE, token, sessionCookieAttributes(found.session, !config.dev));
		}
	}
	return resolve(event);
};

const guard: Handle = ({ event, resolve }) => {
	const access = accessFor(event.url.pathname, event.locals.user?.role ?? null);
	if (access === 'login') {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (access === 'forbidden') return refusalResponse(event.request, event.locals.locale, 403);
	// SvelteKit throws (a 500) on a post to the reserved action name; it is the client's mistake.
	if (event.request.method === 'POST' && event.url.searchParams.has('/default')) {
		return new Response('Bad request', { status: 400, headers: { 'cache-control': 'no-store' } });
	}
	return resolve(event);
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set(
		'Permissions-Policy',
		'camera=(self), microphone=(self), display-capture=(self), geolocation=()'
	);
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (!appContext().config.dev)
		h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// Personal pages must not be kept by shared caches.
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(locale, session, guard, headers);

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status === 404) return { message, key: 'errors.notFound' };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, err);
	const t = translator(event.locals.locale ?? DEFAULT_LOCALE);
	return { message: t('errors.unexpected', { id: errorId }), errorId };
};
