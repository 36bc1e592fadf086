import { fail } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { formValues, parseTemplate, templateValues } from '$lib/server/documents/template-form';
import { listTemplates, updateTemplate } from '$lib/server/documents/template-store';
import { genericTemplate } from '$lib/server/documents/templates';
import { guarded } from '$lib/server/require-area';
import type { Actions, PageServerLoad } from './$types';

/** The province templates the documents read; `?place=` picks one, `?new` starts a blank one. */
export const load: PageServerLoad = guarded(({ url }) => {
	const { db } = appContext();
	const rows = listTemplates(db);
	const wanted = url.searchParams.get('place');
	const chosen = url.searchParams.has('new')
		? null
		: (rows.find((r) => r.place === wanted) ?? rows[0] ?? null);
	const values = chosen
		? templateValues(chosen.data)
		: { ...templateValues(genericTemplate('', 'UBND tỉnh')), place: '', provinceName: '' };
	return {
		places: rows.map((r) => ({ place: r.place, updatedAt: r.updatedAt })),
		current: chosen?.place ?? null,
		values
	};
});

export const actions: Actions = {
	save: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const values = formValues(await request.formData());
		if (!values) return fail(400, { message: t('templates.errors.badForm'), problems: [] });
		const parsed = parseTemplate(values);
		if (!parsed.template) {
			const problems = parsed.problems.map((p) => ({
				field: p.field,
				message: t(`templates.errors.${p.key}`, p.params ?? {})
			}));
			return fail(400, { message: t('templates.errors.summary'), problems, values });
		}
		const { db, now } = appContext();
		const changes = updateTemplate(db, parsed.template, locals.user!.id, now());
		return { saved: parsed.template.place, changed: changes.length };
	})
};
