import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { AccountError, acceptInvitation, findInvitation } from '$lib/server/accounts';
import { passwordProblem } from '$lib/server/auth/password';
import { appContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const { db, now } = appContext();
	const row = findInvitation(db, params.token, now());
	return { valid: !!row, email: row?.user.email ?? null, name: row?.user.name ?? null };
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const t = translator(locals.locale);
		const { db, now } = appContext();
		const row = findInvitation(db, params.token, now());
		if (!row) return fail(400, { message: t('invite.invalid') });
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const problem = passwordProblem(password, row.user.email);
		if (problem) return fail(400, { message: t(problem) });
		if (password !== String(form.get('confirm') ?? ''))
			return fail(400, { message: t('password.mismatch') });
		try {
			await acceptInvitation(db, params.token, password, now());
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { message: t(e.key) });
			throw e;
		}
		redirect(303, '/login?invited=1');
	}
};
