import { error } from '@sveltejs/kit';
import { translator, type Locale } from '../../i18n';
import { ScoringError } from './errors';

/** A refused page load: 404 for what does not exist, 403 with the reason for the rest. */
export function pageError(e: unknown, locale: Locale): never {
	if (!(e instanceof ScoringError)) throw e;
	if (e.code === 'not-found') error(404, { message: 'Not found', key: 'errors.notFound' });
	error(403, { message: translator(locale)(`scoring.errors.${e.key}`) });
}
