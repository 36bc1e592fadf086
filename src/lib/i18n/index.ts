import type { TFunction } from 'i18next';
import { en, vi } from './messages';
import { makeTranslator } from './make-translator';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from './locales';

const translators = new Map<Locale, TFunction>();

/** One translator per language, made once, with both languages' messages and its answers remembered (the server's). */
export function translator(locale: Locale): TFunction {
	let t = translators.get(locale);
	if (!t) {
		t = remembered(makeTranslator(locale, { vi, en }));
		translators.set(locale, t);
	}
	return t;
}

/** Bound on remembered answers per language; interpolated names and numbers can be many. */
const REMEMBERED_MAX = 10_000;

/**
 * The same answer for the same key and values, without asking i18next again: its lookup costs
 * more than a Map's, and a public product page asks a few hundred times per render. The
 * resources never change after init, so an answer cannot go stale. Only a key alone, or with
 * options whose values are all strings or numbers, is remembered; anything else is asked.
 */
function remembered(t: TFunction): TFunction {
	const ask = t as unknown as (...a: unknown[]) => unknown;
	const answers = new Map<string, string>();
	const memo = (...args: unknown[]) => {
		const [key, options] = args;
		let id: string | null = null;
		if (typeof key === 'string' && args.length === 1) id = key;
		else if (typeof key === 'string' && args.length === 2 && isFlat(options))
			id = `${key}\u0000${JSON.stringify(options)}`;
		if (id === null) return ask(...args);
		const known = answers.get(id);
		if (known !== undefined) return known;
		const answer = ask(...args);
		if (typeof answer !== 'string') return answer;
		if (answers.size >= REMEMBERED_MAX) answers.clear();
		answers.set(id, answer);
		return answer;
	};
	return memo as unknown as TFunction;
}

function isFlat(options: unknown): boolean {
	if (typeof options !== 'object' || options === null || Array.isArray(options)) return false;
	if (Object.getPrototypeOf(options) !== Object.prototype) return false;
	return Object.values(options).every((v) => typeof v === 'string' || typeof v === 'number');
}

export type Translate = TFunction;
