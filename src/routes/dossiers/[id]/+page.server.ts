import { appContext } from '$lib/server/context';
import { loadOr404 } from '$lib/server/refusal-kit';
import { mayReadFiledForms } from '$lib/server/documents/filed-forms-data';
import { dossierView } from '$lib/server/dossiers/view';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

/** The read view of a dossier for everyone allowed to read it (see dossiers/access.ts). */
export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db } = appContext();
	const view = loadOr404(() => dossierView(db, locals.user!, params.id), locals.locale);
	// The commune officer reads the dossier here but is not among the forms' readers.
	return { view, forms: mayReadFiledForms(db, locals.user, params.id) };
});
