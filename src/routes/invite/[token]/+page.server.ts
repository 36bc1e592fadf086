import { error, fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { acceptInvitation, findInvitation } from '$lib/server/accounts';
import { formFailure } from '$lib/server/refusal-kit';
import { passwordProblem } from '$lib/server/auth/password';
import { appContext } from '$lib/server/context';
import { badLinkThrottle, recordBadLink } from '$lib/server/invitation-limits';
import type { Actions, PageServerLoad } from './$types';

/**
 * Looks the link up unless this address has tried too many bad ones. `record` is false for the
 * load that SvelteKit runs after a form action, so one submission counts once.
 */
function lookup(token: string, address: string, record: boolean) {
	const { db, now } = appContext();
	const limit = badLinkThrottle(db, address, now());
	if (!limit.ok) return { limited: limit.retryAfterMinutes } as const;
	const row = findInvitation(db, token, now());
	if (!row && record) recordBadLink(db, address, now());
	return { row } as const;
}

export const load: PageServerLoad = ({ params, request, getClientAddress, locals }) => {
	const found = lookup(params.token, getClientAddress(), request.method !== 'POST');
	if ('limited' in found)
		error(429, {
			message: translator(locals.locale)('invite.tooManyAttempts', { minutes: found.limited })
		});
	const { row } = found;
	return { valid: !!row, email: row?.user.email ?? null, name: row?.user.name ?? null };
};

export const actions: Actions = {
	default: async ({ params, request, locals, getClientAddress }) => {
		const t = translator(locals.locale);
		const { db, now } = appContext();
		const found = lookup(params.token, getClientAddress(), true);
		if ('limited' in found)
			return fail(429, { message: t('invite.tooManyAttempts', { minutes: found.limited }) });
		const { row } = found;
		if (!row) return fail(400, { message: t('invite.invalid') });
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		const problem = passwordProblem(password, row.user.email);
		if (problem) return fail(400, { message: t(problem) });
		if (password !== String(form.get('confirm') ?? ''))
			return fail(400, { message: t('password.mismatch') });
		try {
			await acceptInvitation(db, params.token, password, now(), locals.live);
		} catch (e) {
			const failure = formFailure(e, locals.locale);
			if (failure) return failure;
			throw e;
		}
		redirect(303, '/login?invited=1');
	}
};
