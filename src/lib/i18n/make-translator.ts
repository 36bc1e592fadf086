import { DEFAULT_LOCALE, type Locale } from './locales';

export type Messages = Record<string, unknown>;

/** A message by its dotted key, with `{{name}}` filled from `values`. */
export type Translate = (key: string, values?: Readonly<Record<string, unknown>>) => string;

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * The translator for `locale`; Vietnamese is the fallback for a missing key, and a key missing
 * from both comes back as itself. A placeholder whose value is not given stays as written; null
 * fills it with nothing. Values are not escaped: Svelte escapes what it renders.
 *
 * Written here rather than taken from i18next, which the app used before: the messages need only
 * a lookup and `{{name}}`, and i18next's 45 KB took about a third of a page's start-up script time
 * on a phone (initialising it and resolving each key through its options), on every page.
 */
export function makeTranslator(
	locale: Locale,
	messages: Partial<Record<Locale, Messages>>
): Translate {
	const order = (locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE])
		.map((l) => messages[l])
		.filter((m): m is Messages => !!m);
	// Each key is looked up when first asked and remembered, not the whole catalogue flattened
	// up front: a page asks for a few hundred of its thousands of keys, and flattening them all
	// was a sixth of the sitting page's first long task on a phone.
	// Only keys that exist are remembered: the keys are the app's, but one built from a request
	// (an error's key) must not grow the server's table.
	const found = new Map<string, string>();
	const text = (key: string): string | null => {
		const known = found.get(key);
		if (known !== undefined) return known;
		for (const m of order) {
			const t = lookup(m, key);
			if (t !== null) {
				found.set(key, t);
				return t;
			}
		}
		return null;
	};
	return (key, values) => {
		// "1 point", not "1 points": a message may have a `<key>_one` form (English only needs it;
		// Vietnamese says the same), used when the one number it is given is 1.
		const t = (values && isOne(values) && text(`${key}_one`)) || text(key);
		if (t === null) return key;
		if (!values || !t.includes('{{')) return t;
		return t.replace(PLACEHOLDER, (whole, name: string) => {
			const v = Object.hasOwn(values, name) ? values[name] : undefined;
			return v === undefined ? whole : v === null ? '' : String(v);
		});
	};
}

/** The values hold exactly one number, and it is 1. */
function isOne(values: Readonly<Record<string, unknown>>): boolean {
	const numbers = Object.values(values).filter((v) => typeof v === 'number');
	return numbers.length === 1 && numbers[0] === 1;
}

/** The message at a dotted key, through own properties only; a subtree is not a message. */
function lookup(messages: Messages, key: string): string | null {
	let at: unknown = messages;
	for (const part of key.split('.')) {
		if (!at || typeof at !== 'object' || !Object.hasOwn(at, part)) return null;
		at = (at as Messages)[part];
	}
	return typeof at === 'string' ? at : null;
}
