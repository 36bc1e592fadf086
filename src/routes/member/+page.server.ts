import { appContext } from '$lib/server/context';
import { recordConflict } from '$lib/server/councils/conflicts';
import { memberHome } from '$lib/server/councils/member-home';
import { attempt } from '$lib/server/refusal-kit';
import { text } from '$lib/server/form-fields';
import { writtenItemsFor } from '$lib/server/written/round';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals }) => ({
	seats: memberHome(appContext().db, locals.user!.id),
	written: writtenItemsFor(appContext().db, locals.user!.id)
}));

export const actions: Actions = {
	/** A member declares their own conflict of interest on one agenda item. */
	conflict: guarded(async ({ request, locals }) => {
		const form = await request.formData();
		const { db, now } = appContext();
		const itemId = text(form, 'itemId', 100);
		const reason = text(form, 'reason', 1000);
		const outcome = attempt(locals.locale, { itemId }, () =>
			recordConflict(db, locals.user!, itemId, locals.user!.id, reason, now(), locals.live)
		);
		if (!('live' in outcome)) return outcome;
		await outcome.live;
		return { declared: itemId };
	})
};
