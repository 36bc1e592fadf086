// The member's comments on a product ("Ý kiến của người đánh giá"), printed on their score sheet.
// Written by a voting, non-recused member of the item's council until the item closes: after
// that the sheet is a record and its comment no longer changes.

import { and, eq } from 'drizzle-orm';
import { hasControlCharsInText } from '../../domain/plain-text';
import type { Q } from '../db/client';
import { cardComments } from '../db/schema';
import { itemFor } from './item-access';
import { refuse } from '../refusal';

/** About a page of the sheet; longer text is refused, not cut. */
export const MAX_COMMENT_CHARS = 4000;

export function commentOf(db: Q, itemId: string, userId: string): string | null {
	return (
		db
			.select({ text: cardComments.text })
			.from(cardComments)
			.where(and(eq(cardComments.itemId, itemId), eq(cardComments.userId, userId)))
			.get()?.text ?? null
	);
}

/** Stores (or, when empty, removes) the comment; refusals are those of a card. */
export function saveComment(
	db: Q,
	input: { sittingId: string; itemId: string; userId: string; text: string },
	now: number
): void {
	db.transaction(
		(tx) => {
			const { ctx, seat } = itemFor(tx, input.sittingId, input.itemId, input.userId);
			if (!seat.voting) refuse('forbidden', 'scoring.errors.notVoting');
			if (ctx.item.state === 'closed' || ctx.item.state === 'deferred')
				refuse('wrong-state', 'scoring.errors.closed');
			const text = input.text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
			// Control characters other than line breaks and tabs never belong in a printed form:
			// refused with a message rather than dropped, like every other printed text.
			if (hasControlCharsInText(text)) refuse('bad-request', 'errors.controlCharsText');
			if (text.length > MAX_COMMENT_CHARS)
				refuse(
					'bad-request',
					'scoring.errors.commentTooLong',
					{ max: MAX_COMMENT_CHARS },
					{ max: MAX_COMMENT_CHARS }
				);
			const key = and(eq(cardComments.itemId, input.itemId), eq(cardComments.userId, input.userId));
			if (!text) {
				tx.delete(cardComments).where(key).run();
				return;
			}
			tx.insert(cardComments)
				.values({ itemId: input.itemId, userId: input.userId, text, updatedAt: now })
				.onConflictDoUpdate({
					target: [cardComments.itemId, cardComments.userId],
					set: { text, updatedAt: now }
				})
				.run();
		},
		{ behavior: 'immediate' }
	);
}
