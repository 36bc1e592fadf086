import { fail } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { audit } from '$lib/server/audit';
import { appContext } from '$lib/server/context';
import { countByState, retryFailed, troubledMails } from '$lib/server/notifications/mail-queue';
import { currentOutbox } from '$lib/server/notifications/outbox';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

// The hook admits office and admin only (/office): the queue names recipients' addresses.
export const load: PageServerLoad = guarded(() => {
	const { db, config } = appContext();
	return {
		configured: config.smtp !== null,
		counts: countByState(db),
		mails: troubledMails(db).map((m) => ({
			id: m.id,
			recipient: m.recipient,
			subject: m.subject,
			state: m.state,
			attempts: m.attempts,
			lastError: m.lastError,
			createdAt: m.createdAt,
			nextAttemptAt: m.nextAttemptAt
		}))
	};
});

function retry(locale: 'vi' | 'en', userId: string, id: number | undefined) {
	const t = translator(locale);
	const { db, now } = appContext();
	const n = db.transaction((tx) => {
		const changed = retryFailed(tx, now(), id);
		if (changed > 0)
			audit(
				tx,
				{
					actorId: userId,
					action: 'mail.retry',
					subject: id === undefined ? 'mail:failed' : `mail:${id}`,
					detail: { count: changed }
				},
				now()
			);
		return changed;
	});
	if (n === 0) return fail(400, { message: t('notifications.queue.nothingToRetry') });
	currentOutbox()?.wake();
	return { retried: n };
}

export const actions: Actions = {
	retry: guarded(async ({ request, locals }) => {
		const raw = (await request.formData()).get('id');
		const id = Number(raw);
		if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw) || !Number.isSafeInteger(id))
			return fail(400, {
				message: translator(locals.locale)('notifications.queue.nothingToRetry')
			});
		return retry(locals.locale, locals.user!.id, id);
	}),
	retryAll: guarded(async ({ locals }) => retry(locals.locale, locals.user!.id, undefined))
};
