import { isLocale, DEFAULT_LOCALE } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/load-messages';

// The reader's messages start downloading as soon as the app's script runs, beside the page's
// own code, rather than once the root layout's load asks for them (a round trip later, which
// held back the board's first render). The page says its language in <html lang>.
const lang = document.documentElement.lang;
void loadTranslator(isLocale(lang) ? lang : DEFAULT_LOCALE).catch(() => {
	// The root layout's load asks again and reports a failure the usual way.
});
