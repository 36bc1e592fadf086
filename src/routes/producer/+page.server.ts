import { appContext } from '$lib/server/context';
import { getOrganization, listOwnDossiers } from '$lib/server/dossiers/producer';
import { publishedSlot } from '$lib/server/dossiers/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const { db } = appContext();
	const org = getOrganization(db, locals.user!.organizationId) ?? null;
	const dossiers = org
		? listOwnDossiers(db, org.id).map((d) => ({ ...d, slot: publishedSlot(db, d.id) ?? null }))
		: [];
	return { org, dossiers };
};
