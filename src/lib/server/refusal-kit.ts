/**
 * The SvelteKit adapters of refusal.ts: a form action answers a refusal with a translated
 * fail(), a page load with the 404 of not-found.ts. Kept apart so the realtime server, which
 * also reads refusal.ts, does not load @sveltejs/kit.
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { translator, type Locale } from '../i18n';
import { refuseAsMissing } from './not-found';
import { isRefusal, refusalMessage, refusalStatus } from './refusal';

export type FormFailure = ActionFailure<{ message: string; [k: string]: unknown }>;

/** Form adapter: runs a service call; a refusal becomes fail(status, { ...fields, message }). */
export function attempt<T>(
	locale: Locale,
	fields: Record<string, unknown>,
	run: () => T
): T | FormFailure {
	try {
		return run();
	} catch (e) {
		const failure = formFailure(e, locale, fields);
		if (failure) return failure;
		throw e;
	}
}

/** The same for calls that must be awaited (or whose result is checked first). */
export function formFailure(
	e: unknown,
	locale: Locale,
	fields: Record<string, unknown> = {}
): FormFailure | null {
	if (!isRefusal(e)) return null;
	return fail(refusalStatus(e), { ...fields, message: refusalMessage(e, translator(locale)) });
}

/**
 * Page adapter: a refusal looks like absence (not-found.ts), so a page never confirms that
 * someone else's dossier, item or council exists. `key` is the surface's own message.
 */
export function loadOr404<T>(run: () => T, locale: Locale, key = 'errors.notFound'): T {
	try {
		return run();
	} catch (e) {
		if (isRefusal(e)) refuseAsMissing(locale, key);
		throw e;
	}
}

/**
 * Endpoint adapter, for a download that cannot hide behind absence: a refusal becomes the error
 * page with its status and message; anything else is rethrown as it is.
 */
export function refusalError(e: unknown, locale: Locale): never {
	if (!isRefusal(e)) throw e;
	const message = refusalMessage(e, translator(locale));
	// +error.svelte says a key again in the reader's language, but without params: a message that
	// needs them is shown as sent.
	const plain = Object.keys(e.params).length === 0;
	error(refusalStatus(e), plain ? { message, key: e.key } : { message });
}
