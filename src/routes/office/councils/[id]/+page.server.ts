import { fail } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import {
	councilInputOf,
	memberInputOf,
	memberUpdateOf,
	roundInputOf,
	sittingInputOf,
	type Parsed
} from '$lib/server/councils/forms';
import { addMember, listMembers, removeMember, updateMember } from '$lib/server/councils/members';
import { createRound, listRounds } from '$lib/server/councils/rounds';
import { createSitting, listSittings } from '$lib/server/councils/sittings';
import { getCouncil, updateCouncil } from '$lib/server/councils/council';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db } = appContext();
	const council = loadOr404(() => getCouncil(db, params.id), locals.locale);
	return {
		council,
		members: listMembers(db, council.id),
		rounds: listRounds(db, council.id),
		sittings: listSittings(db, council.id)
	};
});

/** Reads the form, parses it, runs the change; one shape for every action of this page. */
function act<T>(
	parse: (f: FormData) => Parsed<T>,
	run: (value: T, ctx: ReturnType<typeof appContext>) => unknown
) {
	return async ({ request, locals }: { request: Request; locals: App.Locals }) => {
		const parsed = parse(await request.formData());
		if (!parsed.ok) return fail(400, { message: translator(locals.locale)(parsed.key) });
		const ctx = appContext();
		const outcome = attempt(locals.locale, {}, () => run(parsed.value, ctx));
		// A change with live effects answers once they are done (or after their bounded wait).
		return (outcome instanceof Promise ? await outcome : outcome) ?? { saved: true };
	};
}

/** The person's live connections to the council's sittings follow their new seat. */
const reseat = (e: { locals: App.Locals; params: { id: string } }, userId: string) =>
	e.locals.live.announce({ kind: 'council-seat', councilId: e.params.id, userId }).then(() => null);

export const actions: Actions = {
	settings: guarded((e) =>
		act(councilInputOf, (v, { db, now }) =>
			updateCouncil(db, e.locals.user!, e.params.id, v, now())
		)(e)
	),
	addMember: guarded((e) =>
		act(memberInputOf, (v, { db, now }) => addMember(db, e.locals.user!, e.params.id, v, now()))(e)
	),
	updateMember: guarded((e) =>
		act(memberUpdateOf, ({ userId, ...v }, { db, now }) =>
			updateMember(db, e.locals.user!, e.params.id, userId, v, now()) ? reseat(e, userId) : null
		)(e)
	),
	removeMember: guarded((e) =>
		act(
			(f) => ({ ok: true, value: String(f.get('userId') ?? '') }),
			(userId, { db, now }) => {
				removeMember(db, e.locals.user!, e.params.id, userId, now());
				return reseat(e, userId);
			}
		)(e)
	),
	addRound: guarded((e) =>
		act(roundInputOf, (v, { db, now }) => createRound(db, e.locals.user!, e.params.id, v, now()))(e)
	),
	addSitting: guarded((e) =>
		act(sittingInputOf, (v, { db, now }) =>
			createSitting(db, e.locals.user!, e.params.id, v, now())
		)(e)
	)
};
