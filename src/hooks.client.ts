import { isLocale, DEFAULT_LOCALE } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/load-messages';
import { nextTask } from '$lib/client/live-start';

// An English reader's messages start downloading as soon as the app's script runs, rather than
// once the root layout's load asks for them (a round trip later, which held back the board's
// first render); Vietnamese, every reader's, is preloaded with the page's modules. The page says
// its language in <html lang>.
const lang = document.documentElement.lang;
void loadTranslator(isLocale(lang) ? lang : DEFAULT_LOCALE).catch(() => {
	// The root layout's load asks again and reports a failure the usual way.
});

/**
 * SvelteKit starts (its routes, the layout's and the page's code, then the hydration) right in
 * the task that evaluated the app's modules: in Lighthouse's trace of the scorecard one task of
 * 91 ms (29 ms evaluating, 61 ms starting), which a phone 4× slower than this machine holds for a
 * third of a second. Its start waits for this hook: one turn of the event loop between the two
 * halves lets a tap or a frame in, and neither half is as long as the whole.
 */
export const init = nextTask;
