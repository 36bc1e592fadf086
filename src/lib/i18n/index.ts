import i18next, { type TFunction } from 'i18next';
import { en, vi } from './messages';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
export const LOCALE_COOKIE = 'ocop_lang';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const translators = new Map<Locale, TFunction>();

/** One i18next instance per language, made once; Vietnamese is the fallback for a missing key. */
export function translator(locale: Locale): TFunction {
	let t = translators.get(locale);
	if (!t) {
		const instance = i18next.createInstance();
		void instance.init({
			lng: locale,
			fallbackLng: DEFAULT_LOCALE,
			resources: { vi: { translation: vi }, en: { translation: en } },
			initAsync: false,
			// Svelte escapes what it renders; escaping here too would double-escape.
			interpolation: { escapeValue: false },
			returnNull: false
		});
		t = instance.t.bind(instance) as TFunction;
		translators.set(locale, t);
	}
	return t;
}

export type Translate = TFunction;
