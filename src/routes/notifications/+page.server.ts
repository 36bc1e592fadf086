import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { listNotifications, markAllRead, markRead, unreadCount } from '$lib/server/notifications';
import { notificationText, sittingTime } from '$lib/server/notifications/message';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

// Every query is bound to the signed-in person's id: nobody reads or marks another's rows.
export const load: PageServerLoad = guarded(({ locals, url }) => {
	const { db } = appContext();
	const user = locals.user!;
	return {
		allRead: url.searchParams.has('all'),
		unread: unreadCount(db, user.id),
		items: listNotifications(db, user.id).map((n) => ({
			id: n.id,
			...notificationText(n.kind, n.params, locals.locale),
			kind: n.kind,
			link: n.link,
			at: new Date(n.createdAt).toISOString(),
			when: sittingTime(n.createdAt, locals.locale),
			read: n.readAt !== null
		}))
	};
});

export const actions: Actions = {
	read: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const raw = String((await request.formData()).get('id') ?? '');
		const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
		const { db, now } = appContext();
		if (!Number.isSafeInteger(id) || !markRead(db, locals.user!.id, id, now()))
			return fail(400, { message: t('notifications.notFound') });
		redirect(303, '/notifications');
	}),
	readAll: guarded(({ locals }) => {
		const { db, now } = appContext();
		markAllRead(db, locals.user!.id, now());
		redirect(303, '/notifications?all');
	})
};
