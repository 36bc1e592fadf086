import { fail, redirect } from '@sveltejs/kit';
import { takesSamples } from '$lib/domain/dossier-requirements';
import { REGISTRATION_KINDS, type RegistrationKind } from '$lib/domain/organization';
import { listProductSets } from '$lib/domain/rubrics';
import { hasControlChars } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { attempt } from '$lib/server/refusal-kit';
import { text, whole } from '$lib/server/form-fields';
import { getOrganization } from '$lib/server/dossiers/organization';
import { registerProduct } from '$lib/server/dossiers/registration';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals }) => {
	if (!getOrganization(appContext().db, locals.user!.organizationId))
		redirect(303, '/producer/profile');
	return { sets: listProductSets() };
});

export const actions: Actions = {
	default: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const name = text(form, 'name', 200);
		const kind = text(form, 'kind', 20) as RegistrationKind;
		const setNo = whole(form, 'setNo', 1, 999);
		// A service (rural tourism) is visited, not sampled.
		const sampleCount =
			setNo !== null && !takesSamples(setNo) ? 0 : whole(form, 'sampleCount', 1, 1000);
		const fields = {
			name,
			kind,
			setNo: text(form, 'setNo', 5),
			sampleCount: text(form, 'sampleCount', 5)
		};
		if (!name || !REGISTRATION_KINDS.includes(kind))
			return fail(400, { ...fields, message: t('dossier.errors.required') });
		// A re-evaluation names the certificate it renews: it is registered from /producer/renew.
		if (kind === 'reevaluation')
			return fail(400, { ...fields, message: t('certificates.errors.plainReevaluation') });
		if (hasControlChars(name)) return fail(400, { ...fields, message: t('errors.controlChars') });
		if (setNo === null) return fail(400, { ...fields, message: t('dossier.errors.badSet') });
		if (sampleCount === null)
			return fail(400, { ...fields, message: t('dossier.errors.badNumber') });
		const { db, now } = appContext();
		const id = attempt(locals.locale, fields, () =>
			registerProduct(db, locals.user!, { name, setNo, kind, sampleCount }, now())
		);
		if (typeof id !== 'string') return id;
		redirect(303, `/producer/dossiers/${id}`);
	})
};
