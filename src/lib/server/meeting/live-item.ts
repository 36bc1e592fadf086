import { eq } from 'drizzle-orm';
import { isLive } from '../../domain/meeting';
import type { Q } from '../db/client';
import { agendaItems } from '../db/schema';

/** The sitting's item now presenting, in questions or scoring; null between items. */
export function liveItemOf(db: Q, sittingId: string) {
	return (
		db
			.select()
			.from(agendaItems)
			.where(eq(agendaItems.sittingId, sittingId))
			.all()
			.find((i) => isLive(i.state)) ?? null
	);
}
