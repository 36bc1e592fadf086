import { fail, redirect } from '@sveltejs/kit';
import { hasControlChars } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { ORGANIZATION_KINDS } from '$lib/server/db/schema';
import { getOrganization, saveOrganization } from '$lib/server/dossiers/organization';
import { text } from '$lib/server/form-fields';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals }) => ({
	org: getOrganization(appContext().db, locals.user!.organizationId) ?? null
}));

const GENDERS = ['female', 'male', 'other'] as const;

export const actions: Actions = {
	default: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const gender = text(form, 'representativeGender', 10);
		const kind = text(form, 'kind', 30);
		const values = {
			name: text(form, 'name', 200),
			kind: kind as (typeof ORGANIZATION_KINDS)[number],
			registrationNo: text(form, 'registrationNo', 50),
			representative: text(form, 'representative', 200),
			representativeGender: (GENDERS as readonly string[]).includes(gender)
				? (gender as (typeof GENDERS)[number])
				: null,
			representativeEthnicity: text(form, 'representativeEthnicity', 60),
			address: text(form, 'address', 300),
			province: text(form, 'province', 100),
			commune: text(form, 'commune', 100)
		};
		const required = [values.name, values.representative, values.province, values.commune];
		if (required.some((v) => !v) || !(ORGANIZATION_KINDS as readonly string[]).includes(kind))
			return fail(400, { ...values, message: t('dossier.errors.required') });
		// Every text of the profile is printed on the council's documents.
		const texts = Object.values(values).filter((v): v is string => typeof v === 'string');
		if (texts.some(hasControlChars))
			return fail(400, { ...values, message: t('errors.controlChars') });
		const { db, now } = appContext();
		saveOrganization(db, locals.user!, values, now());
		redirect(303, '/producer');
	})
};
