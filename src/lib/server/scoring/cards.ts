import { and, eq, sql } from 'drizzle-orm';
import { isValidChoice, leafIndex, type ProductSetRubric } from '../../domain/rubric';
import { cardReceipt } from '../../domain/result-record';
import { caseConflicts } from '../../domain/service-case';
import type { Db, Q } from '../db/client';
import { agendaItems, scorecards } from '../db/schema';
import { loadItemContext, scorers, seatOf } from './item-context';
import { withinWindow, writtenWindowOf } from '../written/window';
import { settleWrittenItem } from '../written/settle';

import { cardsOfItem, type StoredCard } from './stored-cards';
import { refuse } from '../refusal';

export { cardsOfItem, type StoredCard };

/** Problems of a submitted card against the rubric: unknown leaves, out-of-range options. */
export function choiceProblems(
	rubric: ProductSetRubric,
	choices: Record<string, number>
): string[] {
	const leaves = leafIndex(rubric);
	const problems: string[] = [];
	for (const [code, choice] of Object.entries(choices)) {
		const entry = leaves.get(code);
		if (!entry) problems.push(`${code}: not a criterion of this scorecard`);
		else if (!isValidChoice(entry.leaf, choice)) problems.push(`${code}: invalid option ${choice}`);
	}
	return problems;
}

export interface SubmitResult {
	round: number;
	submittedAt: number;
	/** What the member's receipt will be if this card enters the locked record unchanged. */
	receipt: string;
	/** The card as stored: what counts until the member submits again. */
	choices: Record<string, number>;
}

/** The round's count after a submit, read in the same transaction (for the sitting's progress). */
export interface SubmitProgress {
	submitted: number;
	eligible: number;
}

/**
 * Stores a member's card for the current scoring round in one transaction. The item's state is
 * read inside it: a submit that loses the race with close is refused "closed", never half-kept.
 */
export function submitCard(
	db: Db,
	input: { itemId: string; userId: string; choices: Record<string, number> },
	now: number
): SubmitResult & { progress: SubmitProgress } {
	const stored = storeCard(db, input, now);
	// A written item settles once every member has answered (after the commit, like a close).
	if (stored.written && stored.progress.submitted >= stored.progress.eligible)
		settleWrittenItem(db, input.itemId, now);
	const { written: _written, ...result } = stored;
	return result;
}

function storeCard(
	db: Db,
	input: { itemId: string; userId: string; choices: Record<string, number> },
	now: number
): SubmitResult & { progress: SubmitProgress; written: boolean } {
	return db.transaction(
		(tx) => {
			const ctx = loadItemContext(tx, input.itemId);
			if (!ctx) refuse('not-found', 'scoring.errors.notFound');
			const seat = seatOf(ctx, input.userId);
			if (!seat) refuse('forbidden', 'scoring.errors.forbidden');
			if (seat.recused) refuse('forbidden', 'scoring.errors.recused');
			if (!seat.voting) refuse('forbidden', 'scoring.errors.notVoting');
			if (ctx.item.state === 'closed') refuse('wrong-state', 'scoring.errors.closed');
			if (ctx.item.state !== 'scoring') refuse('wrong-state', 'scoring.errors.notScoring');
			// Written opinion: a card counts only between the round's two dates.
			const written = writtenWindowOf(tx, ctx.sitting.id);
			if (written && !withinWindow(written, now))
				refuse(
					'wrong-state',
					'scoring.errors.outsideWrittenWindow',
					{},
					{
						opensOn: written.opensOn,
						closesOn: written.closesOn
					}
				);
			const problems = choiceProblems(ctx.rubric, input.choices);
			if (problems.length > 0) refuse('bad-request', 'scoring.errors.badChoices', {}, { problems });
			// Set 26: "a member answers within one" case: the dossier's, or the card's own while the
			// dossier states none (the same rule `ocop rate` applies to its input).
			const wrongCase = caseConflicts(ctx.rubric, input.choices, ctx.serviceCase);
			if (wrongCase.length > 0)
				refuse(
					'bad-request',
					ctx.serviceCase ? 'scoring.errors.outsideCase' : 'scoring.errors.mixedCases',
					{},
					{
						criteria: wrongCase,
						serviceCase: ctx.serviceCase
					}
				);
			const round = ctx.item.scoringRound;
			const row = { itemId: input.itemId, userId: input.userId, round, choices: input.choices };
			tx.insert(scorecards)
				.values({ ...row, submittedAt: now })
				.onConflictDoUpdate({
					target: [scorecards.itemId, scorecards.userId, scorecards.round],
					set: { choices: input.choices, submittedAt: now }
				})
				.run();
			const receipt = cardReceipt({
				member: input.userId,
				recused: false,
				round,
				choices: input.choices,
				submittedAt: now
			});
			const [{ n }] = tx
				.select({ n: sql<number>`count(*)` })
				.from(scorecards)
				.where(and(eq(scorecards.itemId, input.itemId), eq(scorecards.round, round)))
				.all();
			const progress = { submitted: n, eligible: scorers(ctx).length };
			return {
				round,
				submittedAt: now,
				receipt,
				choices: input.choices,
				progress,
				written: !!written
			};
		},
		{ behavior: 'immediate' }
	);
}

/** Starts the next scoring round (lần chấm); earlier rounds' cards stay for the record. */
export function nextRound(db: Q, itemId: string, now: number): number {
	const row = db
		.update(agendaItems)
		.set({ scoringRound: sql`${agendaItems.scoringRound} + 1`, stateChangedAt: now })
		.where(and(eq(agendaItems.id, itemId), eq(agendaItems.state, 'scoring')))
		.returning({ round: agendaItems.scoringRound })
		.get();
	if (!row) refuse('wrong-state', 'scoring.errors.notScoring');
	return row.round;
}
