// Which item a member's scorecard page is about, and whether they may see it: the page and the
// comment action both start here.
import type { Q } from '../db/client';
import { ScoringError } from './errors';
import { loadItemContext, seatOf } from './item-context';

export function itemFor(db: Q, sittingId: string, itemId: string, userId: string) {
	const ctx = loadItemContext(db, itemId);
	if (!ctx || ctx.sitting.id !== sittingId) throw new ScoringError('not-found', 'notFound');
	const seat = seatOf(ctx, userId);
	if (!seat) throw new ScoringError('forbidden', 'forbidden');
	if (seat.recused) throw new ScoringError('forbidden', 'recused');
	return { ctx, seat };
}
