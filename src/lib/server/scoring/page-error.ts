import type { Locale } from '../../i18n';
import { refuseAsMissing } from '../not-found';
import { ScoringError } from './errors';

/**
 * A refused score or board page: whether the item is missing, not this person's, or they hold
 * no seat that opens this page, the answer is the same 404 (not-found.ts), so the page cannot
 * be used to learn which item ids exist or who sits on which council.
 */
export function pageError(e: unknown, locale: Locale): never {
	if (!(e instanceof ScoringError)) throw e;
	refuseAsMissing(locale, 'scoring.errors.notFound');
}
