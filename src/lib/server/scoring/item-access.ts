// Which item a member's scorecard page is about, and whether they may see it: the page and the
// comment action both start here.
import type { Q } from '../db/client';
import { loadItemContext, seatOf } from './item-context';
import { refuse } from '../refusal';

export function itemFor(db: Q, sittingId: string, itemId: string, userId: string) {
	const ctx = loadItemContext(db, itemId);
	if (!ctx || ctx.sitting.id !== sittingId) refuse('not-found', 'scoring.errors.notFound');
	const seat = seatOf(ctx, userId);
	if (!seat) refuse('forbidden', 'scoring.errors.forbidden');
	if (seat.recused) refuse('forbidden', 'scoring.errors.recused');
	return { ctx, seat };
}
