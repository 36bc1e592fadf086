import { DEFAULT_LOCALE, type Locale } from './locales';
import { makeTranslator, type Translate } from './make-translator';

// The pages' translator, with only the messages the reader's language needs: both languages
// were 15 KiB (gzip) of every page's first JavaScript, and of its main-thread time, and the
// messages grow with every feature. An English reader also gets Vietnamese, the fallback.
const loaders = {
	vi: () => import('./messages/vi'),
	en: () => import('./messages/en')
};
const ready = new Map<Locale, Translate>();
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
	const needed: Locale[] = locale === DEFAULT_LOCALE ? [locale] : [locale, DEFAULT_LOCALE];
	const loaded = await Promise.all(needed.map((l) => loaders[l]()));
	const t = makeTranslator(
		locale,
		Object.fromEntries(needed.map((l, i) => [l, loaded[i].default]))
	);
	ready.set(locale, t);
	return t;
}

/** The translator `loadTranslator` made; a page renders only after the root layout loaded it. */
export function loadedTranslator(locale: Locale): Translate {
	const t = ready.get(locale);
	if (!t) throw new Error(`messages of ${locale} not loaded (routes/+layout.ts loads them)`);
	return t;
}
