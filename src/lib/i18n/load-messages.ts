import { DEFAULT_LOCALE, type Locale } from './locales';
import { makeTranslator, type Messages, type Translate } from './make-translator';
import vi from './messages/vi';

// The pages' translator, with only the messages the reader's language needs: both languages
// were 15 KiB (gzip) of every page's first JavaScript, and of its main-thread time, and the
// messages grow with every feature.
// Vietnamese is every reader's: the language of most, and the fallback of an English reader. It
// is imported, not loaded when asked, so SvelteKit preloads it from the page's head beside the
// page's own modules; loaded when asked, its request waited for the app's script to run, a round
// trip after the page's (in Lighthouse's slow 4G, the last request before the first paint).
// English, for its readers only, still comes when asked.
const loaders: Partial<Record<Locale, () => Promise<{ default: Messages }>>> = {
	en: () => import('./messages/en')
};
const ready = new Map<Locale, Translate>([
	[DEFAULT_LOCALE, makeTranslator(DEFAULT_LOCALE, { [DEFAULT_LOCALE]: vi })]
]);
const loading = new Map<Locale, Promise<Translate>>();

/** Loads the messages of `locale` (the root layout's load awaits it before the page renders). */
export function loadTranslator(locale: Locale): Promise<Translate> {
	const done = ready.get(locale);
	if (done) return Promise.resolve(done);
	let pending = loading.get(locale);
	if (!pending) {
		pending = load(locale).finally(() => loading.delete(locale));
		loading.set(locale, pending);
	}
	return pending;
}

async function load(locale: Locale): Promise<Translate> {
	const loader = loaders[locale];
	if (!loader) throw new Error(`no messages for ${locale}`);
	const loaded = await loader();
	const t = makeTranslator(locale, { [locale]: loaded.default, [DEFAULT_LOCALE]: vi });
	ready.set(locale, t);
	return t;
}

/** The translator `loadTranslator` made; a page renders only after the root layout loaded it. */
export function loadedTranslator(locale: Locale): Translate {
	const t = ready.get(locale);
	if (!t) throw new Error(`messages of ${locale} not loaded (routes/+layout.ts loads them)`);
	return t;
}
