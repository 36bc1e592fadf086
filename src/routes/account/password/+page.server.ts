import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getUser, setPassword } from '$lib/server/accounts';
import { SESSION_COOKIE, createSession, sessionCookieAttributes } from '$lib/server/auth/session';
import { passwordProblem } from '$lib/server/auth/password';
import { checkCurrentPassword } from '$lib/server/auth/login';
import { appContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ url }) => ({
	changed: url.searchParams.has('changed')
}));

export const actions: Actions = {
	default: guarded(async ({ request, locals, cookies }) => {
		const t = translator(locals.locale);
		const user = locals.user!;
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const { db, config, sessionPolicy, now } = appContext();
		const row = getUser(db, user.id);
		const checked = row
			? await checkCurrentPassword(db, row, current, config.login, now())
			: { ok: false as const };
		if (!checked.ok)
			return checked.retryAfterMinutes
				? fail(429, { message: t('login.locked', { minutes: checked.retryAfterMinutes }) })
				: fail(400, { message: t('password.wrongCurrent') });
		const problem = passwordProblem(next, user.email);
		if (problem) return fail(400, { message: t(problem) });
		if (next !== confirm) return fail(400, { message: t('password.mismatch') });
		// Only over the password just checked: a change made meanwhile (another tab, a stolen
		// session) is not silently undone, nor its new session ended.
		if (!(await setPassword(db, user.id, next, now(), locals.live, row!.passwordHash ?? '')))
			return fail(409, { message: t('password.changedMeanwhile') });
		// Every other session ended with the change; this device gets a fresh one.
		const { token, session } = createSession(db, user.id, sessionPolicy, now());
		cookies.set(SESSION_COOKIE, token, sessionCookieAttributes(session, !config.dev));
		redirect(303, '/account/password?changed');
	})
};
