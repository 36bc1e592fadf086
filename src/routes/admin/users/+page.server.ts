import { fail } from '@sveltejs/kit';
import { isAccountRole } from '$lib/domain/accounts';
import { hasControlChars } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import {
	createAccount,
	createInvitation,
	createInvitedAccount,
	getUser,
	listAccounts,
	setAccountDisabled
} from '$lib/server/accounts';
import { passwordProblem } from '$lib/server/auth/password';
import { appContext } from '$lib/server/context';
import { pageCount, pagingOf } from '$lib/server/paging';
import { formFailure } from '$lib/server/refusal-kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const load: PageServerLoad = guarded(({ url }) => {
	const { db } = appContext();
	const paging = pagingOf(url);
	const { rows, total } = listAccounts(db, paging);
	return { rows, total, q: paging.q, page: paging.page, pages: pageCount(total, paging.limit) };
});

export const actions: Actions = {
	create: guarded(async ({ request, locals, url }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.slice(0, 320);
		const name = String(form.get('name') ?? '')
			.trim()
			.slice(0, 200);
		const role = form.get('role');
		const password = String(form.get('password') ?? '');
		const invite = form.get('mode') === 'invite';
		const values = { email, name, role: String(role ?? '') };
		if (!EMAIL.test(email)) return fail(400, { ...values, message: t('accounts.badEmail') });
		if (!name) return fail(400, { ...values, message: t('accounts.nameRequired') });
		if (hasControlChars(name)) return fail(400, { ...values, message: t('errors.controlChars') });
		if (!isAccountRole(role)) return fail(400, { ...values, message: t('accounts.badRole') });
		if (!invite) {
			const problem = passwordProblem(password, email);
			if (problem) return fail(400, { ...values, message: t(problem) });
		}
		const { db, config, now } = appContext();
		try {
			if (!invite) {
				await createAccount(db, { email, name, role, password }, locals.user!.id, now());
				return { created: email };
			}
			const { token } = createInvitedAccount(
				db,
				{ email, name, role },
				locals.user!.id,
				config.invitationHours,
				now()
			);
			return {
				created: email,
				inviteLink: `${url.origin}/invite/${token}`,
				hours: config.invitationHours
			};
		} catch (e) {
			const failure = formFailure(e, locals.locale, values);
			if (failure) return failure;
			throw e;
		}
	}),
	invite: guarded(({ request, locals, url }) =>
		request.formData().then((form) => {
			const t = translator(locals.locale);
			const { db, config, now } = appContext();
			const user = getUser(db, String(form.get('id') ?? ''));
			if (!user) return fail(404, { message: t('accounts.notFound') });
			try {
				const token = createInvitation(db, user.id, locals.user!.id, config.invitationHours, now());
				return {
					created: user.email,
					inviteLink: `${url.origin}/invite/${token}`,
					hours: config.invitationHours
				};
			} catch (e) {
				const failure = formFailure(e, locals.locale);
				if (failure) return failure;
				throw e;
			}
		})
	),
	/**
	 * Disables an account (its sessions end and its live connections close at once) or enables
	 * it again. An administrator cannot disable their own account: nobody would be left to undo it.
	 */
	status: guarded(({ request, locals }) =>
		request.formData().then((form) => {
			const t = translator(locals.locale);
			const { db, now } = appContext();
			const user = getUser(db, String(form.get('id') ?? ''));
			if (!user) return fail(404, { message: t('accounts.notFound') });
			const disable = form.get('disabled');
			if (disable !== '1' && disable !== '0') return fail(400, { message: t('errors.badRequest') });
			if (user.id === locals.user!.id && disable === '1')
				return fail(400, { message: t('accounts.notSelf') });
			const access = disable === '1' ? 'disabled' : 'enabled';
			setAccountDisabled(db, user.id, access, locals.user!.id, now(), locals.live);
			return { statusChanged: user.email, disabledNow: disable === '1' };
		})
	)
};
