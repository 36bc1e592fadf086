import { en, vi } from './messages';
import { makeTranslator, type Translate } from './make-translator';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from './locales';

const translators = new Map<Locale, Translate>();

/** One translator per language, made once, with both languages' messages (the server's). */
export function translator(locale: Locale): Translate {
	let t = translators.get(locale);
	if (!t) {
		t = makeTranslator(locale, { vi, en });
		translators.set(locale, t);
	}
	return t;
}

export type { Translate };
