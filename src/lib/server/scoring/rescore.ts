import { cardsOfItem, nextRound } from './cards';
import { chairScoringItem } from './item-context';
import { attendanceFigures, currentRoundCards, rateItem, type Attendance } from './item-rating';
import { audit } from '../audit';
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
			// Divergent written opinions go to a sitting: no re-scoring round in writing (the guard).
			const ctx = chairScoringItem(tx, input.itemId, { userId: input.userId });
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
