import { error } from '@sveltejs/kit';
import { translator, type Locale } from '../i18n';

/**
 * The rule for every surface that names a stored thing by id (files and uploads, dossiers,
 * minutes, score sheets, reports and results): a refusal never tells whether the id exists.
 * - Anonymous: the hook answers before any id is read — 303 to /login?next=… for the areas of
 *   access.ts; on a public surface (a published report) the visitor is answered as anyone.
 * - Signed in, without the right to see the thing: exactly the answer for a missing id, this
 *   404 with the surface's own message in the reader's language.
 * - 403 only where it says nothing about the id: the hook's area gate (by account kind, before
 *   any id is read), or someone who may see the thing but not do what they ask with it.
 * tests/integration/authz-refusal-parity.test.ts holds every such surface to it.
 */
export function refuseAsMissing(locale: Locale, key = 'errors.notFound'): never {
	error(404, { message: translator(locale)(key), key });
}
