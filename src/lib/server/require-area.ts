import { error, redirect } from '@sveltejs/kit';
import { translator, type Locale } from '../i18n';
import type { SessionUser } from './auth/session';
import { accessFor, routedPath } from './access';

/** What a load, action or endpoint is given by SvelteKit; only these parts are read. */
export interface AreaEvent {
	locals: { user: SessionUser | null; locale: Locale };
	route: { id: string | null };
	url: URL;
}

/**
 * The area gate again, where the data is read or changed: the hook decides first, but a
 * handler of a protected area must not depend on the hook having matched its path (it once
 * matched the raw pathname, and `/%61dmin/users` walked past it). Judged on the route id of
 * the handler itself, so no spelling of the URL can change the answer. Returns the signed-in
 * person; tests/unit/route-guards.test.ts fails for a handler of an area that does not call it.
 */
export function requireArea(event: AreaEvent): SessionUser {
	const { user, locale } = event.locals;
	const access = accessFor(routedPath(event.route.id, event.url.pathname), user?.role ?? null);
	if (access === 'public')
		throw new Error(`requireArea() on ${event.route.id}, outside the protected areas`);
	if (access === 'login' || !user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (access === 'forbidden') {
		const t = translator(locale);
		error(403, { message: t('errors.forbidden'), key: 'errors.forbidden' });
	}
	return user;
}

/**
 * A load, action or endpoint that passes requireArea() before it runs: the handler keeps its
 * own types (SvelteKit infers the page data from what it returns).
 */
export function guarded<E extends AreaEvent, R>(handler: (event: E) => R): (event: E) => R {
	return (event) => {
		requireArea(event);
		return handler(event);
	};
}
