import type { Handle } from '@sveltejs/kit';
import { refusalResponse } from './error-page';

/**
 * The body types a browser's form can send to another site without asking first (HTML's form
 * `enctype`s), and SvelteKit's own binary form: the ones a forged cross-site post arrives in.
 */
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether `request` is a form sent from another origin than the app's own: SvelteKit's check
 * (`csrf.checkOrigin`), rule for rule. A form post without an `Origin` header counts as foreign,
 * as there: every browser that posts a form names its origin.
 */
export function crossSiteForm(request: Request, url: URL): boolean {
	return isCrossSiteForm(
		request.method,
		request.headers.get('content-type'),
		request.headers.get('origin'),
		url.origin
	);
}

/** The same rule on a request's parts: its method, body type, `Origin` and the app's origin. */
export function isCrossSiteForm(
	method: string,
	contentType: string | null | undefined,
	origin: string | null | undefined,
	ownOrigin: string
): boolean {
	if (!WRITES.has(method)) return false;
	const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
	if (!FORM_TYPES.has(type)) return false;
	return (origin ?? null) !== ownOrigin;
}

/**
 * Cross-site form posts refused with the app's own page, in the reader's language. SvelteKit's
 * check (now off: `csrf.trustedOrigins: ['*']` in svelte.config.js) answered before any hook, in
 * English plain text ("Cross-site POST form submissions are forbidden"), and met not only
 * attackers: anyone who opened the app under another address than ORIGIN and signed in.
 * Runs after the locale is known and before anything reads the body or the session. The
 * entry point (server/form-origin.ts) applies the same rule before SvelteKit: SvelteKit answers a
 * path it would respell (`/a/`, `/a/%2e%2e`) with a 308 before any hook, and a cross-site post
 * must be refused there too. This hook remains for `vite dev`, where no entry point is in front.
 */
export const formOrigin: Handle = ({ event, resolve }) => {
	if (crossSiteForm(event.request, event.url))
		return refusalResponse(event.request, event.locals.locale, 403, 'errors.crossSiteForm');
	return resolve(event);
};

/**
 * A method a page or an endpoint does not take (a PUT on a page): SvelteKit's English plain text
 * "PUT method not allowed" becomes the app's page in the reader's language, same status and
 * `Allow` header.
 */
export const methodRefusal: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// SvelteKit's answer is bare text, with no content type at all.
	const type = response.headers.get('content-type') ?? 'text/plain';
	if (response.status !== 405 || !type.startsWith('text/plain')) return response;
	const refusal = refusalResponse(
		event.request,
		event.locals.locale,
		405,
		'errors.methodNotAllowed'
	);
	const allow = response.headers.get('allow');
	if (allow) refusal.headers.set('allow', allow);
	return refusal;
};
