import { fail, redirect } from '@sveltejs/kit';
import { isCalendarDate } from '$lib/domain/calendar-date';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { getCouncil } from '$lib/server/councils/council';
import { listRounds } from '$lib/server/councils/rounds';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import { text } from '$lib/server/form-fields';
import { vnDate } from '$lib/server/results/figures';
import { guarded } from '$lib/server/require-area';
import { openWrittenRound, writtenCandidates, writtenRoundsOf } from '$lib/server/written/round';
import { settleDueWrittenRounds } from '$lib/server/written/settle';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db, now } = appContext();
	const council = loadOr404(() => getCouncil(db, params.id), locals.locale);
	// What the office reads is settled first: an ended window never shows as still open.
	settleDueWrittenRounds(db, now());
	return {
		council,
		today: vnDate(now()),
		rounds: listRounds(db, council.id),
		candidates: writtenCandidates(db),
		written: writtenRoundsOf(db, council.id)
	};
});

export const actions: Actions = {
	default: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const fields = {
			title: text(form, 'title', 200),
			roundId: text(form, 'roundId', 100),
			opensOn: text(form, 'opensOn', 10),
			closesOn: text(form, 'closesOn', 10)
		};
		const dossierIds = form
			.getAll('dossierId')
			.map((v) => String(v).slice(0, 100))
			.slice(0, 200);
		if (!isCalendarDate(fields.opensOn) || !isCalendarDate(fields.closesOn))
			return fail(400, { ...fields, message: t('certificates.errors.writtenDates') });
		const { db, now } = appContext();
		// An unknown council is the form's refusal (404), like the other office actions.
		const council = attempt(locals.locale, fields, () => getCouncil(db, params.id));
		if (!('id' in council)) return council;
		const id = attempt(locals.locale, fields, () =>
			openWrittenRound(db, locals.user!, params.id, { ...fields, dossierIds }, now())
		);
		if (typeof id !== 'string') return id;
		redirect(303, `/office/councils/${params.id}/written?opened=${id}`);
	})
};
