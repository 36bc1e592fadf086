import type { TFunction } from 'i18next';
import { en, vi } from './messages';
import { makeTranslator } from './make-translator';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from './locales';

const translators = new Map<Locale, TFunction>();

/** One translator per language, made once, with both languages' messages (the server's). */
export function translator(locale: Locale): TFunction {
	let t = translators.get(locale);
	if (!t) {
		t = makeTranslator(locale, { vi, en });
		translators.set(locale, t);
	}
	return t;
}

export type Translate = TFunction;
