// The names a locked result is read with (organisation, council, round, sitting), copied into
// the record when it is locked so that the hash covers them. Relative imports only (CLI, tsx).

import { eq } from 'drizzle-orm';
import type { LockedContext } from '../../domain/result-record';
import type { Q } from '../db/client';
import {
	agendaItems,
	councils,
	dossiers,
	organizations,
	products,
	rounds,
	sittings
} from '../db/schema';

export function lockContextOf(db: Q, itemId: string): LockedContext | null {
	return (
		db
			.select({
				organizationName: organizations.name,
				councilName: councils.name,
				authority: councils.authority,
				place: councils.place,
				roundId: rounds.id,
				roundName: rounds.name,
				year: rounds.year,
				roundNo: rounds.number,
				sittingTitle: sittings.title
			})
			.from(agendaItems)
			.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
			.innerJoin(rounds, eq(rounds.id, sittings.roundId))
			.innerJoin(councils, eq(councils.id, sittings.councilId))
			.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
			.innerJoin(products, eq(products.id, dossiers.productId))
			.innerJoin(organizations, eq(organizations.id, products.organizationId))
			.where(eq(agendaItems.id, itemId))
			.get() ?? null
	);
}
