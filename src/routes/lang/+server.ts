import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n';
import { safeNext } from '$lib/server/access';
import { appContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

/** Switches the language with a plain form post, so it works without JavaScript too. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	// A body that is not a form (a script's JSON, say) just leaves the language as it is.
	const form = await request.formData().catch(() => new FormData());
	const lang = form.get('lang');
	if (isLocale(lang)) {
		cookies.set(LOCALE_COOKIE, lang, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: !appContext().config.dev,
			maxAge: 60 * 60 * 24 * 365
		});
	}
	redirect(303, safeNext(String(form.get('next') ?? '')) ?? '/');
};
