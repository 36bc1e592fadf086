import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/session';
import { audit } from '$lib/server/audit';
import { appContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies }) => {
		const { db, config, now } = appContext();
		if (locals.session) {
			invalidateSession(db, locals.session.id, locals.live);
			audit(db, { actorId: locals.user?.id ?? null, action: 'auth.logout' }, now());
		}
		cookies.delete(SESSION_COOKIE, { path: '/', secure: !config.dev });
		redirect(303, '/');
	}
};
