import { translator, type Locale } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import type { NotificationParams } from './index';

const KEY: Record<string, string> = {
	'dossier-returned': 'dossierReturned',
	'documents-requested': 'documentsRequested',
	'sitting-scheduled': 'sittingScheduled',
	'result-published': 'resultPublished',
	'item-deferred': 'itemDeferred',
	'result-recognized': 'resultRecognized',
	'certificate-revoked': 'certificateRevoked'
};

/** Sittings are held in Vietnam; times are shown on its clock whatever the server's zone. */
export function sittingTime(ms: number, locale: Locale): string {
	return formatDateTime(ms, locale, { weekday: true });
}

/** The notification's words in one language, made when shown (rows hold only kind and params). */
export function notificationText(
	kind: string,
	params: NotificationParams,
	locale: Locale
): { title: string; body: string } {
	const t = translator(locale);
	const key = KEY[kind];
	if (!key) return { title: kind, body: '' };
	const values = {
		...params,
		when: typeof params.startsAt === 'number' ? sittingTime(params.startsAt, locale) : ''
	};
	return {
		title: t(`notifications.kinds.${key}.title`, values),
		body: t(`notifications.kinds.${key}.${bodyOf(kind, params)}`, values)
	};
}

/**
 * A published result's words follow the council's conclusion (RULES.md 8): a province's 5★ is a
 * candidate sent to the Ministry, a central result under 5★ is returned to the province; neither
 * is "5 sao" or "N sao" for the producer. Rows stored before the outcome was kept say the stars.
 */
function bodyOf(kind: string, params: NotificationParams): string {
	if (kind === 'result-recognized')
		return params.outcome === 'forwarded-central' ? 'bodyCandidate' : 'body';
	if (kind !== 'result-published') return 'body';
	if (params.outcome === 'forwarded-central') return 'bodyCandidate';
	if (params.outcome === 'returned') return 'bodyReturned';
	return 'body';
}
