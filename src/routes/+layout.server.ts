import { appContext } from '$lib/server/context';
import { unreadCount } from '$lib/server/notifications';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user,
	// Only the person's own count; null for visitors so the header shows no link.
	unread: locals.user ? unreadCount(appContext().db, locals.user.id) : null
});
