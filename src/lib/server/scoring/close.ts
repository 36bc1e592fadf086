import { eq } from 'drizzle-orm';
import { hasControlCharsInText } from '../../domain/plain-text';
import { leafIndex } from '../../domain/rubric';
import type { RatingResult } from '../../domain/rating';
import { cardReceipt, type LockedCard, type LockedRecord } from '../../domain/result-record';
import { audit } from '../audit';
import { recordChainHead } from '../chain-head';
import { lockRecord } from '../results/lock';
import type { Q } from '../db/client';
import { agendaItems, dossiers } from '../db/schema';
import { cardsOfItem, type StoredCard } from './stored-cards';
import { chairScoringItem, type ItemContext } from './item-context';
import {
	attendanceFigures,
	councilSettings,
	currentRoundCards,
	rateItem,
	type Attendance
} from './item-rating';
import { refuse } from '../refusal';

export const MIN_OVERRIDE_REASON = 10;

export interface CloseInput {
	itemId: string;
	userId: string;
	override?: { reason: string } | null;
	attendance: Attendance;
	/** Closed by a written round's own rule (written/settle.ts), not by the chair. */
	byWrittenRound?: boolean;
}

export interface Closed {
	record: LockedRecord;
	/** userId → the receipt of their card in the record. */
	receipts: Record<string, string>;
}

/**
 * Closes an item: computes the result from the stored submitted cards, seals it after the chain
 * tip and sets the item closed, all in one transaction. Blocked results are refused with what
 * is missing; only the spread rule may be overridden, with a written reason.
 */
export function closeItem(db: Q, input: CloseInput, now: number): Closed {
	const closed = lockInTransaction(db, input, now);
	// After the commit: the signed head must never name a record that was rolled back.
	recordChainHead(db, closed.record, now);
	return closed;
}

function lockInTransaction(db: Q, input: CloseInput, now: number): Closed {
	return db.transaction(
		(tx) => {
			// A written item closes by the round's rule only; the chair cannot close it by hand.
			const ctx = chairScoringItem(tx, input.itemId, input);
			const stored = cardsOfItem(tx, input.itemId);
			const { figures, scorecards, result, submitted, block } = closeVerdict(
				ctx,
				stored,
				input.attendance
			);
			const override = checkBlocked(result, block, input.override);
			const cards: LockedCard[] = scorecards.map((s) =>
				lockedCard(
					s.member,
					s.recused,
					ctx.item.scoringRound,
					s.choices,
					submitted.get(s.member)?.submittedAt ?? now
				)
			);
			const earlierRounds = stored
				.filter((c) => c.round < ctx.item.scoringRound)
				.map((c) => lockedCard(c.userId, false, c.round, c.choices, c.submittedAt));
			const record = lockRecord(tx, {
				itemId: ctx.item.id,
				sittingId: ctx.sitting.id,
				councilId: ctx.council.id,
				dossierId: ctx.dossierId,
				productName: ctx.productName,
				rubricVersion: ctx.rubric.version,
				productSetNo: ctx.rubric.no,
				level: ctx.council.level,
				settings: councilSettings(ctx),
				attendance: figures,
				cards,
				earlierRounds,
				result,
				override,
				closedBy: input.userId,
				closedAt: now
			});
			tx.update(agendaItems)
				.set({ state: 'closed', closedAt: now, stateChangedAt: now })
				.where(eq(agendaItems.id, ctx.item.id))
				.run();
			// The dossier's part of the procedure ends with the council's locked result.
			tx.update(dossiers)
				.set({ state: 'evaluated', updatedAt: now })
				.where(eq(dossiers.id, ctx.dossierId))
				.run();
			audit(
				tx,
				{
					actorId: input.userId,
					action: 'item.close',
					subject: ctx.item.id,
					detail: { seq: record.seq, hash: record.hash, stars: result.stars, override }
				},
				now
			);
			const receipts = Object.fromEntries(
				cards.filter((c) => !c.recused).map((c) => [c.member, c.receipt])
			);
			return { record, receipts };
		},
		{ behavior: 'immediate' }
	);
}

function lockedCard(
	member: string,
	recused: boolean,
	round: number,
	choices: Record<string, number>,
	submittedAt: number
): LockedCard {
	const card = { member, recused, round, choices: { ...choices }, submittedAt };
	return { ...card, receipt: cardReceipt(card) };
}

/** Why a close would be refused now, as the refusal carries it (code, message key, details). */
export interface CloseBlock {
	code: 'not-quorate' | 'conflict';
	key: string;
	details: { blocked: 'quorum' | 'incomplete' | 'spread' } & Record<string, unknown>;
}

/**
 * What the server decides on a close now, from the stored cards and who is present: the one
 * computation behind the close itself and the chair's board (board.ts), so the dialog before
 * the close says what the close will answer. `block` is null when the close locks the result;
 * a spread block is the one a recorded reason may override (checkBlocked).
 */
export function closeVerdict(
	ctx: ItemContext,
	stored: readonly StoredCard[],
	attendance: Attendance
) {
	const figures = attendanceFigures(ctx, attendance);
	const scorecards = currentRoundCards(ctx, stored, figures);
	const result = rateItem(ctx, scorecards, figures);
	const submitted = new Map(
		stored.filter((c) => c.round === ctx.item.scoringRound).map((c) => [c.userId, c])
	);
	const block = closeBlock(ctx, result, new Set(submitted.keys()));
	return { figures, scorecards, result, submitted, block };
}

function closeBlock(
	ctx: ItemContext,
	result: RatingResult,
	submitted: ReadonlySet<string>
): CloseBlock | null {
	const ex = result.explanation;
	const name = (id: string) => ctx.seats.find((s) => s.userId === id)?.name ?? id;
	if (result.blocked === 'quorum')
		return {
			code: 'not-quorate',
			key: 'scoring.errors.blockedQuorum',
			details: {
				blocked: 'quorum',
				...ex.quorum,
				missing: Math.max(0, ex.quorum.required - ex.quorum.present)
			}
		};
	if (result.blocked === 'incomplete') {
		const missing = result.members
			.filter((m) => !m.recused && !m.complete)
			.map((m) => ({
				userId: m.member,
				name: name(m.member),
				submitted: submitted.has(m.member),
				answered: m.answered,
				total: leafTotal(ctx)
			}));
		return {
			code: 'conflict',
			key: 'scoring.errors.blockedIncomplete',
			details: { blocked: 'incomplete', eligible: ex.eligible, missing }
		};
	}
	if (result.blocked === 'spread')
		return {
			code: 'conflict',
			key: 'scoring.errors.blockedSpread',
			details: {
				blocked: 'spread',
				spread: result.spread,
				maxSpread: ex.spread?.max ?? null,
				...extremes(result, name)
			}
		};
	return null;
}

/** Refuses a blocked close, unless it is the spread and a reason long enough is recorded. */
function checkBlocked(
	result: RatingResult,
	block: CloseBlock | null,
	override: CloseInput['override']
): { reason: string; blocked: string } | null {
	if (!block) return null;
	if (result.blocked === 'spread') {
		const reason = override?.reason?.trim() ?? '';
		// The reason is sealed into the record and printed in the minutes and the report.
		if (hasControlCharsInText(reason)) refuse('bad-request', 'errors.controlCharsText');
		if (reason.length >= MIN_OVERRIDE_REASON) return { reason, blocked: 'spread' };
		if (override) refuse(block.code, 'scoring.errors.overrideReason', {}, block.details);
	}
	refuse(block.code, block.key, {}, block.details);
}

/** The members at the highest and the lowest total (the ones the council hears first). */
export function extremes(result: RatingResult, name: (id: string) => string) {
	const eligible = result.members.filter((m) => !m.recused && m.complete);
	if (eligible.length === 0) return { high: [], low: [] };
	const max = Math.max(...eligible.map((m) => m.total));
	const min = Math.min(...eligible.map((m) => m.total));
	const pick = (t: number) =>
		eligible
			.filter((m) => m.total === t)
			.map((m) => ({ userId: m.member, name: name(m.member), total: t }));
	return { high: pick(max), low: pick(min) };
}

export type { StoredCard };

function leafTotal(ctx: ItemContext): number {
	return leafIndex(ctx.rubric).size;
}
