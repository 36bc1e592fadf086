// The window of a sitting held by written opinion, if it is one. Read by scoring (submit, close)
// without depending on the rest of the written-round service.

import { eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { writtenRounds } from '../db/schema';
import { vnDate } from '../results/figures';

export function writtenWindowOf(db: Q, sittingId: string) {
	return (
		db.select().from(writtenRounds).where(eq(writtenRounds.sittingId, sittingId)).get() ?? null
	);
}

/** Both dates count: a card is taken from the first day's start to the last day's end (VN time). */
export function withinWindow(w: { opensOn: string; closesOn: string }, now: number): boolean {
	const today = vnDate(now);
	return today >= w.opensOn && today <= w.closesOn;
}

/** The closer recorded in a locked record closed by the round itself, not by a person. */
export function writtenCloser(sittingId: string): string {
	return `written-opinion:${sittingId}`;
}
