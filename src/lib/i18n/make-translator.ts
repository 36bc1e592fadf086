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
	const table = new Map<string, string>();
	const order = locale === DEFAULT_LOCALE ? [locale] : [DEFAULT_LOCALE, locale];
	for (const l of order) {
		const m = messages[l];
		if (m) flatten(m, '', table);
	}
	return (key, values) => {
		const text = table.get(key);
		if (text === undefined) return key;
		if (!values || !text.includes('{{')) return text;
		return text.replace(PLACEHOLDER, (whole, name: string) => {
			const v = Object.hasOwn(values, name) ? values[name] : undefined;
			return v === undefined ? whole : v === null ? '' : String(v);
		});
	};
}

function flatten(messages: Messages, prefix: string, into: Map<string, string>): void {
	for (const [k, v] of Object.entries(messages)) {
		if (typeof v === 'string') into.set(prefix + k, v);
		else if (v && typeof v === 'object') flatten(v as Messages, `${prefix}${k}.`, into);
	}
}
