import { appContext } from '$lib/server/context';
import { listFilterOf } from '$lib/server/dossiers/list-query';
import { getOrganization } from '$lib/server/dossiers/organization';
import { listOwnDossiers } from '$lib/server/dossiers/own-list';
import { producerNextStep } from '$lib/server/dossiers/view';
import { pageCount } from '$lib/server/paging';
import { ownCertificates } from '$lib/server/certificates/renewal';
import { renewalsOfDossiers } from '$lib/server/certificates/standing';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals, url }) => {
	const { db, now } = appContext();
	const org = getOrganization(db, locals.user!.organizationId) ?? null;
	const filter = listFilterOf(url);
	const { rows, total } = org ? listOwnDossiers(db, org.id, filter) : { rows: [], total: 0 };
	const renews = renewalsOfDossiers(
		db,
		rows.map((d) => d.id)
	);
	const dossiers = rows.map((d) => ({
		...d,
		...producerNextStep(db, d.id),
		renews: renews.get(d.id) ?? null
	}));
	return {
		org,
		certificates: ownCertificates(db, org?.id ?? null, now()),
		dossiers,
		total,
		q: filter.q,
		state: filter.state,
		page: filter.page,
		pages: pageCount(total, filter.limit)
	};
});
