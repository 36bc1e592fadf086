import { fail } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import {
	addItem,
	listAgenda,
	reorderItem,
	producerAccounts,
	readyDossiers,
	removeItem,
	updateItem
} from '$lib/server/councils/agenda';
import { listConflicts, recordConflict } from '$lib/server/councils/conflicts';
import { getCouncil } from '$lib/server/councils/council';
import { getSitting, publishAgenda } from '$lib/server/councils/sittings';
import { listMembers } from '$lib/server/councils/members';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import { text, whole } from '$lib/server/form-fields';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db } = appContext();
	const sitting = loadOr404(() => getSitting(db, params.id), locals.locale);
	const agenda = listAgenda(db, sitting.id).map((item) => ({
		...item,
		producers: producerAccounts(db, item.dossierId)
	}));
	return {
		sitting,
		council: getCouncil(db, sitting.councilId),
		agenda,
		ready: sitting.state === 'draft' ? readyDossiers(db) : [],
		members: listMembers(db, sitting.councilId),
		conflicts: listConflicts(db, sitting.id)
	};
});

type Event = Parameters<Actions[string]>[0];

async function run(
	e: Event,
	body: (form: FormData, ctx: ReturnType<typeof appContext>) => unknown
) {
	const form = await e.request.formData();
	const ctx = appContext();
	return attempt(e.locals.locale, {}, () => body(form, ctx));
}

export const actions: Actions = {
	add: guarded(async (e) => {
		const t = translator(e.locals.locale);
		const r = await run(e, (form, { db, now }) => {
			const slot = whole(form, 'slotMinutes', 1, 240);
			if (slot === null) return fail(400, { message: t('council.errors.badNumber') });
			addItem(db, e.locals.user!, e.params.id, text(form, 'dossierId', 100), slot, now());
		});
		return r ?? { saved: true };
	}),
	update: guarded(async (e) => {
		const t = translator(e.locals.locale);
		const r = await run(e, (form, { db, now }) => {
			const slot = whole(form, 'slotMinutes', 1, 240);
			if (slot === null) return fail(400, { message: t('council.errors.badNumber') });
			const presenters = form.getAll('presenters').map(String);
			updateItem(
				db,
				e.locals.user!,
				e.params.id,
				text(form, 'itemId', 100),
				slot,
				presenters,
				now()
			);
		});
		return r ?? { saved: true };
	}),
	move: guarded(
		async (e) =>
			(await run(e, (form, { db, now }) =>
				reorderItem(
					db,
					e.locals.user!,
					e.params.id,
					text(form, 'itemId', 100),
					form.get('dir') === 'up',
					now()
				)
			)) ?? { saved: true }
	),
	remove: guarded(
		async (e) =>
			(await run(e, (form, { db, now }) =>
				removeItem(db, e.locals.user!, e.params.id, text(form, 'itemId', 100), now())
			)) ?? {
				saved: true
			}
	),
	publish: guarded(async (e) => {
		const { db, now } = appContext();
		const form = await e.request.formData();
		const lateReason = text(form, 'lateReason', 1000);
		const r = attempt(e.locals.locale, {}, () =>
			publishAgenda(db, e.locals.user!, e.params.id, now(), lateReason)
		);
		return 'late' in r ? { published: true, late: r.late } : r;
	}),
	conflict: guarded(async (e) => {
		const outcome = await run(e, (form, { db, now }) =>
			recordConflict(
				db,
				e.locals.user!,
				text(form, 'itemId', 100),
				text(form, 'userId', 100),
				text(form, 'reason', 1000),
				now(),
				e.locals.live
			)
		);
		// The live effects (the member out of the video room) are done before the form answers.
		if (outcome && typeof outcome === 'object' && 'live' in outcome) await outcome.live;
		else if (outcome) return outcome;
		return { saved: true };
	})
};
