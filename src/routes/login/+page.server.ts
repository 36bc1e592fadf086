import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { HOME_OF, safeNext } from '$lib/server/access';
import { attemptLogin } from '$lib/server/auth/login';
import { SESSION_COOKIE, createSession, sessionCookieAttributes } from '$lib/server/auth/session';
import { getUser } from '$lib/server/accounts';
import { audit } from '$lib/server/audit';
import { appContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user)
		redirect(303, safeNext(url.searchParams.get('next')) ?? HOME_OF[locals.user.role]);
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, locals, url }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 320);
		const password = String(form.get('password') ?? '').slice(0, 1024);
		if (!email.trim() || !password) {
			return fail(400, { email, message: t('login.missing') });
		}
		const { db, config, sessionPolicy, now } = appContext();
		const result = await attemptLogin(
			db,
			{ email, password, address: getClientAddress() },
			config.login,
			now()
		);
		if (!result.ok) {
			const message =
				result.reason === 'locked'
					? t('login.locked', { minutes: result.retryAfterMinutes })
					: t('login.invalid');
			return fail(result.reason === 'locked' ? 429 : 400, { email, message });
		}
		const { token, session } = createSession(db, result.userId, sessionPolicy, now());
		cookies.set(SESSION_COOKIE, token, sessionCookieAttributes(session, !config.dev));
		audit(db, { actorId: result.userId, action: 'auth.login', subject: result.userId }, now());
		const user = getUser(db, result.userId)!;
		redirect(303, safeNext(url.searchParams.get('next')) ?? HOME_OF[user.role]);
	}
};
