import { cardsOfItem, nextRound } from './cards';
import { loadItemContext, seatOf } from './item-context';
import { attendanceFigures, currentRoundCards, rateItem, type Attendance } from './item-rating';
import { audit } from '../audit';
import { writtenWindowOf } from '../written/window';
import type { Q } from '../db/client';
import { refuse } from '../refusal';

/**
 * The chair starts a re-scoring round (chấm lại) when the spread rule blocks the close. The
 * earlier round's cards stay stored and go into the locked record's `earlierRounds`.
 */
export function rescoreItem(
	db: Q,
	input: { itemId: string; userId: string; attendance: Attendance },
	now: number
): { round: number; sittingId: string } {
	return db.transaction(
		(tx) => {
			const ctx = loadItemContext(tx, input.itemId);
			if (!ctx) refuse('not-found', 'scoring.errors.notFound');
			// Divergent written opinions go to a sitting; there is no re-scoring round in writing.
			if (writtenWindowOf(tx, ctx.sitting.id)) refuse('wrong-state', 'scoring.errors.writtenRound');
			if (seatOf(ctx, input.userId)?.role !== 'chair')
				refuse('forbidden', 'scoring.errors.chairOnly');
			if (ctx.item.state === 'closed') refuse('wrong-state', 'scoring.errors.closed');
			if (ctx.item.state !== 'scoring') refuse('wrong-state', 'scoring.errors.notScoring');
			const figures = attendanceFigures(ctx, input.attendance);
			const result = rateItem(
				ctx,
				currentRoundCards(ctx, cardsOfItem(tx, input.itemId), figures),
				figures
			);
			if (!result.explanation.spread?.exceeded)
				refuse('wrong-state', 'scoring.errors.rescoreNotNeeded');
			const round = nextRound(tx, input.itemId, now);
			const detail = { round, spread: result.spread };
			audit(
				tx,
				{ actorId: input.userId, action: 'item.rescore', subject: ctx.item.id, detail },
				now
			);
			return { round, sittingId: ctx.sitting.id };
		},
		{ behavior: 'immediate' }
	);
}
