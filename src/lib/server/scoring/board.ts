import { leafIndex, listLeaves } from '../../domain/rubric';
import { tallyCard } from '../../domain/card-score';
import { byCouncilRole } from '../../domain/council-order';
import type { QuorumFigures } from '../../domain/quorum';
import type {
	Board,
	BoardMember,
	CloseCheck,
	Disagreement,
	ScoringStatus
} from '../../protocol/scoring-events';
import type { StoredCard } from './cards';
import { closeVerdict, extremes } from './close';
import { scorers, type ItemContext } from './item-context';
import {
	attendanceFigures,
	currentRoundCards,
	itemQuorum,
	rateItem,
	type Attendance
} from './item-rating';

export interface LiveFacts {
	attendance: Attendance;
	/** Users with a live connection (socket in the sitting or an open Yjs document). */
	connected: ReadonlySet<string>;
	/** Leaf answers in a member's live draft, when it is open on this server. */
	liveAnswered: (userId: string) => number | null;
}

/**
 * The chair's board: progress of every scorer, and provisional figures computed with the rating
 * core on the submitted cards of the current round (the browser never computes them).
 */
export function buildBoard(
	ctx: ItemContext,
	stored: readonly StoredCard[],
	live: LiveFacts
): Board {
	const round = ctx.item.scoringRound;
	const current = new Map(stored.filter((c) => c.round === round).map((c) => [c.userId, c]));
	const leafCount = leafIndex(ctx.rubric).size;
	const members: BoardMember[] = ctx.seats
		.filter((s) => s.voting)
		.map((s) => {
			const card = current.get(s.userId);
			const tally = card ? tallyCard(ctx.rubric, card.choices) : null;
			return {
				userId: s.userId,
				name: s.name,
				role: s.role,
				recused: s.recused,
				connected: live.connected.has(s.userId),
				answered: live.liveAnswered(s.userId) ?? tally?.answered ?? 0,
				total: leafCount,
				submitted: !!card,
				submittedAt: card?.submittedAt ?? null,
				cardTotal: tally ? tally.totalH / 100 : null,
				cardChoices: card?.choices ?? null
			};
		});
	const submittedCards = currentRoundCards(ctx, stored, {
		...attendanceFigures(ctx, live.attendance),
		presentIds: []
	}).filter((c) => !c.recused);
	const figures = attendanceFigures(ctx, live.attendance);
	const name = (id: string) => ctx.seats.find((s) => s.userId === id)?.name ?? id;
	const result = submittedCards.length > 0 ? rateItem(ctx, submittedCards, figures) : null;
	return {
		itemId: ctx.item.id,
		sittingId: ctx.sitting.id,
		state: ctx.item.state,
		round,
		leafCount,
		eligible: scorers(ctx).length,
		submitted: current.size,
		// In the order the board draws it (the page no longer sorts).
		members: byCouncilRole(members),
		// Before the first card too: the chair sees whether scoring can close at all. The same
		// rule 1 as the close and the sitting's header (domain/quorum.ts quorumOf).
		quorum: boardQuorum(itemQuorum(ctx, live.attendance)),
		provisional: result
			? {
					average: result.average,
					band: result.band,
					floor: result.floor,
					stars: result.stars,
					spread: result.spread,
					maxSpread: ctx.council.maxSpreadHundredths / 100,
					spreadExceeded: result.explanation.spread?.exceeded ?? false,
					blocked: result.blocked,
					...extremes(result, name)
				}
			: null,
		disagreement: disagreement(ctx, [...current.values()]),
		close: closeCheck(ctx, stored, live.attendance)
	};
}

/** The close's own verdict (close.ts), so the chair's dialog never promises what it refuses. */
function closeCheck(
	ctx: ItemContext,
	stored: readonly StoredCard[],
	attendance: Attendance
): CloseCheck {
	const { result, figures, submitted, block } = closeVerdict(ctx, stored, attendance);
	const present = new Set(figures.presentIds);
	const seated = scorers(ctx);
	return {
		blocked: block?.details.blocked ?? null,
		refusal: block ? { key: block.key, details: block.details } : null,
		overridable: block?.details.blocked === 'spread',
		counted: seated.filter((s) => submitted.has(s.userId)).length,
		absent: seated
			.filter((s) => !present.has(s.userId) && !submitted.has(s.userId))
			.map((s) => s.name),
		average: block ? null : result.average,
		stars: block ? null : result.stars
	};
}

function boardQuorum(q: QuorumFigures): Board['quorum'] {
	const { members, present, required, chairPresent, quorate, recusedPresent } = q;
	return { members, present, required, chairPresent, met: quorate, recused: recusedPresent };
}

/** Leaves where submitted cards differ, widest point range first. */
function disagreement(ctx: ItemContext, cards: StoredCard[]): Disagreement[] {
	if (cards.length < 2) return [];
	const out: Disagreement[] = [];
	for (const { leaf } of listLeaves(ctx.rubric)) {
		const answers = cards.filter((c) => Object.hasOwn(c.choices, leaf.code));
		if (answers.length < 2) continue;
		const points = answers.map(
			(c) => tallyCard(ctx.rubric, { [leaf.code]: c.choices[leaf.code] }).totalH / 100
		);
		const min = Math.min(...points);
		const max = Math.max(...points);
		if (max === min) continue;
		out.push({
			code: leaf.code,
			label: leaf.label,
			min,
			max,
			choices: Object.fromEntries(answers.map((c) => [c.userId, c.choices[leaf.code]]))
		});
	}
	return out.sort((a, b) => b.max - b.min - (a.max - a.min));
}

/** What a scorer sees under blind scoring: their own card's state and how many submitted. */
export function memberStatus(
	ctx: ItemContext,
	stored: readonly StoredCard[],
	userId: string
): ScoringStatus {
	const round = ctx.item.scoringRound;
	const current = stored.filter((c) => c.round === round);
	const mine = current.find((c) => c.userId === userId);
	return {
		itemId: ctx.item.id,
		sittingId: ctx.sitting.id,
		state: ctx.item.state,
		round,
		eligible: scorers(ctx).length,
		submitted: current.length,
		mine: mine ? { choices: mine.choices, submittedAt: mine.submittedAt } : null
	};
}
