import { getContext, setContext } from 'svelte';
import type { Translate } from './make-translator';
import type { Locale } from './locales';
import { loadedTranslator } from './load-messages';

const KEY = Symbol('i18n');

interface I18nContext {
	locale: Locale;
	t: Translate;
}

/** Called once by the root layout with the locale the server chose (its messages loaded). */
export function provideI18n(getLocale: () => Locale): void {
	setContext<I18nContext>(KEY, {
		get locale() {
			return getLocale();
		},
		get t() {
			return loadedTranslator(getLocale());
		}
	});
}

export function useI18n(): I18nContext {
	return getContext<I18nContext>(KEY);
}
