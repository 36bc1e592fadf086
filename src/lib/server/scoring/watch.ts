import { readsAllCards } from '../../domain/meeting';
import type { WatchData } from '../../protocol/scoring-events';
import type { Q } from '../db/client';
import { buildBoard, memberStatus, type LiveFacts } from './board';
import { cardsOfItem } from './cards';
import { refuse } from '../refusal';
import { loadItemContext, seatOf, type ItemContext } from './item-context';
import { countedCardOf, lockedRecordOf, lockedSummary, receiptOf } from './summary';

export type WatchRole = WatchData['role'];

/** Who may follow an item's scoring: the council, except a member recused from it. */
export function watchRole(ctx: ItemContext, userId: string): WatchRole {
	const seat = seatOf(ctx, userId);
	if (!seat) refuse('forbidden', 'scoring.errors.forbidden');
	if (seat.recused) refuse('forbidden', 'scoring.errors.recused');
	if (readsAllCards(seat.role)) return 'staff';
	return seat.voting ? 'scorer' : 'observer';
}

export function watchItem(db: Q, itemId: string, userId: string, live: LiveFacts): WatchData {
	const ctx = loadItemContext(db, itemId);
	if (!ctx) refuse('not-found', 'scoring.errors.notFound');
	const role = watchRole(ctx, userId);
	const stored = cardsOfItem(db, itemId);
	const record = lockedRecordOf(db, itemId);
	return {
		role,
		status: memberStatus(ctx, stored, userId),
		board: role === 'staff' ? buildBoard(ctx, stored, live) : null,
		locked: record ? lockedSummary(record) : null,
		receipt: record ? receiptOf(record, userId) : null,
		counted: record ? countedCardOf(record, userId) : null
	};
}

/** The board of an item, for broadcasting to the sitting's staff room. */
export function boardOf(db: Q, itemId: string, live: LiveFacts) {
	const ctx = loadItemContext(db, itemId);
	if (!ctx) return null;
	return buildBoard(ctx, cardsOfItem(db, itemId), live);
}
