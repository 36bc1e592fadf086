import { formatQuorum, presenceFor, quorumOf, type QuorumFigures } from '../../domain/quorum';
import { rate, type RatingResult, type Scorecard } from '../../domain/rating';
import type { StoredCard } from './cards';
import { scorers, type ItemContext } from './item-context';

/** Who is in the sitting now (see server/scoring/presence.ts). */
export interface Attendance {
	presentIds: string[];
}

export interface AttendanceFigures {
	members: number;
	present: number;
	chairPresent: boolean;
	presentIds: string[];
}

/**
 * Rule 1's figures for one item (domain/quorum.ts presenceFor, which quorumOf counts with): `members` is
 * the council's voting members, recused ones too; `present` counts only those in the room for
 * this item. Exactly these four fields: they are sealed into the locked record.
 */
export function attendanceFigures(ctx: ItemContext, attendance: Attendance): AttendanceFigures {
	const q = presenceFor(ctx.seats, new Set(attendance.presentIds));
	return {
		members: q.members,
		present: q.present,
		chairPresent: q.chairPresent,
		presentIds: q.presentIds
	};
}

/** Rule 1 for the item with everything the screens say about it (required, recused present). */
export function itemQuorum(ctx: ItemContext, attendance: Attendance): QuorumFigures {
	return quorumOf(ctx.seats, new Set(attendance.presentIds), {
		num: ctx.council.quorumNum,
		den: ctx.council.quorumDen
	});
}

/**
 * A written round's attendance: "present" means "returned a card". A chair who scores the item
 * is present by returning theirs; a chair who does not score it (non-voting, or recused) has no
 * card to return, and the round is the council deciding by written opinion under its chair
 * (rule 10), so that chair counts as present: otherwise every written round of a council with a
 * non-voting chair would fail its quorum.
 */
export function writtenAttendance(ctx: ItemContext, submitted: readonly string[]): Attendance {
	const chair = ctx.seats.find((s) => s.role === 'chair');
	const chairScores = !!chair && scorers(ctx).some((s) => s.userId === chair.userId);
	return { presentIds: chair && !chairScores ? [...submitted, chair.userId] : [...submitted] };
}

export function councilSettings(ctx: ItemContext) {
	return {
		quorum: formatQuorum({ num: ctx.council.quorumNum, den: ctx.council.quorumDen }),
		maxSpread: ctx.council.maxSpreadHundredths / 100,
		blindScoring: ctx.council.blindScoring
	};
}

/**
 * The cards that enter the rating of the current round: every submitted card of a scorer, an
 * empty card for each present scorer who has not submitted (so "incomplete" names them), and
 * the recused members, listed but out of the maths.
 */
export function currentRoundCards(
	ctx: ItemContext,
	cards: readonly StoredCard[],
	figures: AttendanceFigures
): Scorecard[] {
	const round = ctx.item.scoringRound;
	const submitted = new Map(cards.filter((c) => c.round === round).map((c) => [c.userId, c]));
	const present = new Set(figures.presentIds);
	const out: Scorecard[] = [];
	for (const seat of scorers(ctx)) {
		const card = submitted.get(seat.userId);
		if (card) out.push({ member: seat.userId, recused: false, choices: card.choices });
		else if (present.has(seat.userId))
			out.push({ member: seat.userId, recused: false, choices: {} });
	}
	for (const seat of ctx.seats)
		if (seat.voting && seat.recused) out.push({ member: seat.userId, recused: true, choices: {} });
	return out;
}

export function rateItem(
	ctx: ItemContext,
	scorecards: readonly Scorecard[],
	figures: AttendanceFigures
): RatingResult {
	return rate(ctx.rubric, {
		level: ctx.council.level,
		council: {
			members: figures.members,
			present: figures.present,
			chairPresent: figures.chairPresent,
			quorum: { num: ctx.council.quorumNum, den: ctx.council.quorumDen },
			maxSpread: ctx.council.maxSpreadHundredths / 100
		},
		scorecards
	});
}
