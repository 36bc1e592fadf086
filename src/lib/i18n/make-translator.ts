import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locales';

export type Messages = Record<string, unknown>;

/** An i18next instance for `locale`; Vietnamese is the fallback for a missing key. */
export function makeTranslator(
	locale: Locale,
	messages: Partial<Record<Locale, Messages>>
): TFunction {
	const instance = i18next.createInstance();
	void instance.init({
		lng: locale,
		fallbackLng: DEFAULT_LOCALE,
		resources: Object.fromEntries(
			Object.entries(messages).map(([lng, translation]) => [lng, { translation }])
		),
		initAsync: false,
		// Svelte escapes what it renders; escaping here too would double-escape.
		interpolation: { escapeValue: false },
		returnNull: false
	});
	return instance.t.bind(instance) as TFunction;
}
