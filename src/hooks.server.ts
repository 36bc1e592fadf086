import { redirect, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { compressHtml } from '$lib/server/compress-html';
import { formOrigin, methodRefusal } from '$lib/server/form-origin';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translator, type Locale } from '$lib/i18n';
import { accessFor, routedPath } from '$lib/server/access';
import {
	SESSION_COOKIE,
	sessionCookieAttributes,
	validateSessionToken
} from '$lib/server/auth/session';
import { appContext } from '$lib/server/context';
import { startMailOutbox } from '$lib/server/background';
import { servicesOf } from '$lib/server/app-services';
import { leaveCheckpointsToWorker } from '$lib/server/db/client';
import { refusalResponse } from '$lib/server/error-page';
import { applySecurityHeaders } from '$lib/server/security-headers';
import { unexpectedFailure } from '$lib/server/refusal';
import { validateAllRubrics } from '$lib/domain/rubrics';
import { bodySizeLimit, megabytes } from '$lib/server/uploads/limits';
import { publicAddress } from '$lib/server/public-address';
import {
	PUBLIC_CACHED_ROUTES,
	answerOf,
	cacheableHeaders,
	publicPageKey,
	publicGeneration,
	storedPage,
	vietnamDay,
	type CachedPage
} from '$lib/server/public-cache';

export function init() {
	// Fail at start, not on the first request: bad configuration or a malformed rubric.
	const ctx = appContext();
	validateAllRubrics();
	// This bundle's own copy of the outbox module, for the mail its form actions store and send
	// (the entry point starts the rest of the background work: server/main.ts, dev-plugin.js).
	startMailOutbox(ctx);
}

const locale: Handle = ({ event, resolve }) => {
	const chosen = event.cookies.get(LOCALE_COOKIE);
	// Vietnamese unless the person chose otherwise: officials' browsers are often set to English.
	const lang: Locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	event.locals.locale = lang;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};

const session: Handle = ({ event, resolve }) => {
	// Handed over by the process that serves us (app-services.ts), with each request.
	const services = servicesOf(event.platform);
	event.locals.live = services.live;
	event.locals.pdf = services.pdf;
	if (services.walCheckpointer) leaveCheckpointsToWorker(appContext().db.$client);
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

/** As SvelteKit decodes a pathname (`%25` stays itself); false for bad percent-encoding. */
function decodable(pathname: string): boolean {
	try {
		pathname.split('%25').forEach((part) => decodeURI(part));
		return true;
	} catch {
		return false;
	}
}

const guard: Handle = ({ event, resolve }) => {
	// SvelteKit runs the hooks for a path it cannot decode outside the code that turns a thrown
	// redirect into a response: the login redirect below would then crash the whole process
	// (an unhandled rejection). Such a path is refused here, before anything can throw.
	if (!decodable(event.url.pathname))
		return refusalResponse(event.request, event.locals.locale, 400, 'errors.badRequest');
	// Judged on what SvelteKit routes, not on the raw pathname: `/%61dmin/users` is routed to
	// /admin/users but does not start with `/admin`.
	const path = routedPath(event.route.id, event.url.pathname);
	const access = accessFor(path, event.locals.user?.role ?? null);
	if (access === 'login') {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (access === 'forbidden') return refusalResponse(event.request, event.locals.locale, 403);
	// SvelteKit throws (a 500) on a post to the reserved action name; it is the client's mistake.
	if (event.request.method === 'POST' && event.url.searchParams.has('/default')) {
		return refusalResponse(event.request, event.locals.locale, 400, 'errors.badRequest');
	}
	return resolve(event);
};

/**
 * An anonymous reader's public results page, from memory while nothing public has changed
 * since it was rendered. Signed-in readers (whose header names them) always get a fresh page.
 * The cache belongs to the process that serves us (app-services.ts): its entry point answers
 * most hits itself, before SvelteKit (server/public-pages.ts); the hits left to this hook are
 * the data requests of in-app navigation, and every hit under `vite dev`.
 */
const publicPages: Handle = async ({ event, resolve }) => {
	if (
		event.request.method !== 'GET' ||
		!PUBLIC_CACHED_ROUTES.has(event.route.id ?? '') ||
		event.locals.user ||
		// The raw header, any spelling: the session hook has already dropped a cookie it refused,
		// and that answer must carry the deletion.
		(event.request.headers.get('cookie') ?? '').includes(SESSION_COOKIE)
	)
		return resolve(event);
	const address = publicAddress(event.route.id ?? '', event.params, event.url);
	// Names nothing (`/results/0x1`): the page answers its own 404, never stored.
	if (!address) return resolve(event);
	if (address !== event.url.pathname + event.url.search) {
		// Another spelling of a page: the reader goes to the one address pages are kept under.
		// In-app navigation (a data request) is answered as asked, and not kept.
		if (event.isDataRequest) return resolve(event);
		return new Response(null, { status: 308, headers: { location: address } });
	}
	const cache = servicesOf(event.platform).publicPages;
	const { db, now } = appContext();
	const generation = publicGeneration(db.$client);
	const key = publicPageKey({
		locale: event.locals.locale,
		day: vietnamDay(now()),
		data: event.isDataRequest,
		pathAndSearch: address
	});
	const replay = (page: CachedPage, how: string) => {
		const answer = answerOf(page, event.request.headers.get('accept-encoding'));
		const headers = new Headers(answer.headers);
		headers.set('x-cache', how);
		return new Response(answer.body, { status: page.status, headers });
	};
	const hit = cache.get(key, generation, Date.now());
	if (hit) return replay(hit, 'hit-app');
	// A page asked for again while it renders (the list, on publication day, a few hundred times
	// a second) is rendered once: the others wait for it rather than each render it again.
	const pending = cache.pending(key);
	if (pending) {
		const page = await pending;
		if (page && page.generation === generation) return replay(page, 'hit-wait');
	}
	const done = cache.startRender(key);
	try {
		const { response, body } = await cache.inTurn(async () => {
			const response = await resolve(event);
			const keep = response.status === 200 && !response.headers.has('set-cookie');
			return { response, body: keep ? new Uint8Array(await response.arrayBuffer()) : null };
		});
		if (!body) {
			done(null);
			return response;
		}
		// Complete before it is stored: the entry point replays it without the hooks.
		applySecurityHeaders(response.headers, securityHeadersOf(event));
		const page = storedPage(generation, Date.now(), cacheableHeaders(response.headers), body);
		cache.set(key, page);
		done(page);
		// The first reader gets what every later one will: the stored headers and body.
		const answer = answerOf(page, event.request.headers.get('accept-encoding'));
		const headers = new Headers(answer.headers);
		headers.set('x-cache', 'miss');
		return new Response(answer.body, { status: 200, headers });
	} catch (e) {
		done(null);
		throw e;
	}
};

/**
 * Form content types (SvelteKit's list) whose body `request.formData()` may fail to read; an
 * urlencoded body always reads. This app has no remote functions, the only legitimate sender
 * of application/x-sveltekit-formdata.
 */
const FRAGILE_FORM_TYPES = new Set([
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);

/**
 * A body that SvelteKit treats as a form (so an action runs) but that cannot be read as one —
 * text/plain, a multipart body without its boundary or cut short — is the sender's mistake:
 * answer 400 here instead of letting `request.formData()` throw inside the route as a 500.
 * The upload endpoint reads its own large body and answers this itself.
 */
const formBody: Handle = async ({ event, resolve }) => {
	const { request } = event;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	if (
		request.method !== 'POST' ||
		!FRAGILE_FORM_TYPES.has(type) ||
		event.route.id === '/files/upload'
	)
		return resolve(event);
	try {
		await request.clone().formData();
	} catch (e) {
		// Over the size limit: SvelteKit answers 413 itself when the route reads the body.
		if ((e as { status?: number })?.status === 413) return resolve(event);
		return refusalResponse(request, event.locals.locale, 400, 'errors.badRequest');
	}
	return resolve(event);
};

function securityHeadersOf(event: RequestEvent): Parameters<typeof applySecurityHeaders>[1] {
	const { config } = appContext();
	return {
		livekitUrl: config.livekit?.url ?? null,
		dev: config.dev,
		signedIn: event.locals.user != null
	};
}

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	applySecurityHeaders(response.headers, securityHeadersOf(event));
	return response;
};

// Headers first, so that early refusals (the guard, a broken form body) carry them too; the
// compression around them all, so it encodes the finished page.
export const handle = sequence(
	compressHtml,
	headers,
	locale,
	methodRefusal,
	formOrigin,
	session,
	guard,
	publicPages,
	formBody
);

export const handleError: HandleServerError = ({ error: err, event, status }) => {
	// Translated here too: a script posting an action the page lacks reads the message itself,
	// and SvelteKit's own is English ("Not Found").
	if (status === 404)
		return {
			message: translator(event.locals.locale ?? DEFAULT_LOCALE)('errors.notFound'),
			key: 'errors.notFound'
		};
	// A body over BODY_SIZE_LIMIT: say so and name the limit, not "could not be read". No key:
	// the error page would translate it again without the limit.
	if (status === 413) {
		const limit = megabytes(bodySizeLimit());
		return {
			message: translator(event.locals.locale ?? DEFAULT_LOCALE)('errors.tooLarge', { limit })
		};
	}
	// Other 4xx come from SvelteKit itself (an undecodable URL, a body that is not a form, a
	// POST to a page without actions): the client's mistake, said plainly and not logged as a fault.
	if (status < 500) {
		const t = translator(event.locals.locale ?? DEFAULT_LOCALE);
		return { message: t('errors.badRequest'), key: 'errors.badRequest' };
	}
	const t = translator(event.locals.locale ?? DEFAULT_LOCALE);
	const where = `${event.request.method} ${event.url.pathname}`;
	const failure = unexpectedFailure(err, where, t);
	return { message: failure.message, errorId: failure.id };
};
