import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { translator, type Locale } from '../../i18n';
import { DomainError } from './errors';

/** Runs a service call from a form action; an expected refusal becomes a translated fail(). */
export function attempt<T>(
	locale: Locale,
	fields: Record<string, unknown>,
	run: () => T
): T | ActionFailure<{ message: string; [k: string]: unknown }> {
	try {
		return run();
	} catch (e) {
		if (e instanceof DomainError) {
			const t = translator(locale);
			const params = Object.fromEntries(
				Object.entries(e.params).map(([k, v]) => [
					k,
					Array.isArray(v) ? v.map((key) => t(key)).join(', ') : v
				])
			);
			const message = t(e.key, params);
			return fail(e.status, { ...fields, message });
		}
		throw e;
	}
}

/** The same for page loads: an expected refusal becomes an error page. */
export function loadOr404<T>(run: () => T): T {
	try {
		return run();
	} catch (e) {
		// Refusals look like absence: a page never confirms that someone else's dossier exists.
		if (e instanceof DomainError) error(404, { message: 'Not found', key: 'errors.notFound' });
		throw e;
	}
}

export function text(form: FormData, name: string, max = 500): string {
	return String(form.get(name) ?? '')
		.trim()
		.slice(0, max);
}

export function whole(form: FormData, name: string, min: number, max: number): number | null {
	const raw = text(form, name, 20);
	if (!/^\d+$/.test(raw)) return null;
	const n = Number(raw);
	return n >= min && n <= max ? n : null;
}
