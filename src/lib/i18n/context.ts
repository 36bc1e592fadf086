import { getContext, setContext } from 'svelte';
import { translator, type Locale, type Translate } from './index';

const KEY = Symbol('i18n');

interface I18nContext {
	locale: Locale;
	t: Translate;
}

/** Called once by the root layout with the locale the server chose. */
export function provideI18n(getLocale: () => Locale): void {
	setContext<I18nContext>(KEY, {
		get locale() {
			return getLocale();
		},
		get t() {
			return translator(getLocale());
		}
	});
}

export function useI18n(): I18nContext {
	return getContext<I18nContext>(KEY);
}
