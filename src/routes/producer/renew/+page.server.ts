import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { ownCertificates } from '$lib/server/certificates/renewal';
import { registerRenewal } from '$lib/server/certificates/register-renewal';
import { attempt } from '$lib/server/refusal-kit';
import { text, whole } from '$lib/server/form-fields';
import { getOrganization } from '$lib/server/dossiers/organization';
import { guarded } from '$lib/server/require-area';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = guarded(({ locals, url }) => {
	const { db, now } = appContext();
	const org = getOrganization(db, locals.user!.organizationId);
	if (!org) redirect(303, '/producer/profile');
	return {
		certificates: ownCertificates(db, org.id, now()),
		chosen: url.searchParams.get('seq') ?? ''
	};
});

export const actions: Actions = {
	default: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const seq = whole(form, 'seq', 1, 2_000_000_000);
		const sampleCount = whole(form, 'sampleCount', 0, 1000);
		const fields = { seq: text(form, 'seq', 12), sampleCount: text(form, 'sampleCount', 5) };
		if (seq === null) return fail(400, { ...fields, message: t('certificates.errors.notFound') });
		if (sampleCount === null)
			return fail(400, { ...fields, message: t('dossier.errors.badNumber') });
		const { db, now } = appContext();
		const id = attempt(locals.locale, fields, () =>
			registerRenewal(db, locals.user!, { seq, sampleCount: Math.max(1, sampleCount) }, now())
		);
		if (typeof id !== 'string') return id;
		redirect(303, `/producer/dossiers/${id}`);
	})
};
