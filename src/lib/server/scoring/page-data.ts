import { and, eq } from 'drizzle-orm';
import { readsAllCards } from '../../domain/meeting';
import type { Q } from '../db/client';
import { dossierFiles, selfAssessments } from '../db/schema';
import { buildBoard, type LiveFacts } from './board';
import { cardsOfItem } from './cards';
import { commentOf } from './comments';
import { itemFor } from './item-access';

export { itemFor };
import { type ItemContext } from './item-context';
import { countedCardOf, lockedRecordOf, lockedSummary, receiptOf } from './summary';
import { refuse } from '../refusal';

export interface EvidenceFile {
	id: string;
	name: string;
}

/** The item a page names, checked against the sitting in the URL and the person's seat. */

function header(ctx: ItemContext) {
	return {
		itemId: ctx.item.id,
		sittingId: ctx.sitting.id,
		sittingTitle: ctx.sitting.title,
		productName: ctx.productName,
		state: ctx.item.state,
		round: ctx.item.scoringRound,
		blindScoring: ctx.council.blindScoring,
		rubric: ctx.rubric,
		serviceCase: ctx.serviceCase
	};
}

/** The member's scorecard page: the rubric, the producer's claims and evidence, their card. */
export function scorecardPageData(db: Q, sittingId: string, itemId: string, userId: string) {
	const { ctx, seat } = itemFor(db, sittingId, itemId, userId);
	if (!seat.voting) refuse('forbidden', 'scoring.errors.notVoting');
	const claims = Object.fromEntries(
		db
			.select({ code: selfAssessments.leafCode, choice: selfAssessments.choice })
			.from(selfAssessments)
			.where(eq(selfAssessments.dossierId, ctx.dossierId))
			.all()
			.map((r) => [r.code, r.choice])
	);
	const evidence: Record<string, EvidenceFile[]> = {};
	const files = db
		.select({ id: dossierFiles.id, name: dossierFiles.originalName, code: dossierFiles.leafCode })
		.from(dossierFiles)
		.where(and(eq(dossierFiles.dossierId, ctx.dossierId), eq(dossierFiles.kind, 'evidence')))
		.all();
	for (const f of files) if (f.code) (evidence[f.code] ??= []).push({ id: f.id, name: f.name });
	const mine = cardsOfItem(db, itemId).find(
		(c) => c.userId === userId && c.round === ctx.item.scoringRound
	);
	const record = lockedRecordOf(db, itemId);
	return {
		...header(ctx),
		userId,
		isStaff: readsAllCards(seat.role),
		claims,
		evidence,
		submitted: mine ? { choices: mine.choices, submittedAt: mine.submittedAt } : null,
		comment: commentOf(db, itemId, userId) ?? '',
		locked: record ? lockedSummary(record) : null,
		receipt: record ? receiptOf(record, userId) : null,
		counted: record ? countedCardOf(record, userId) : null
	};
}

/**
 * The chair's and the secretary's board page: the board as it stands (the same one the socket's
 * `scoring:watch` answers, from the same live facts), so the page is drawn at once; the socket
 * and the Yjs board stream keep it current from there.
 */
export function boardPageData(
	db: Q,
	sittingId: string,
	itemId: string,
	userId: string,
	live: LiveFacts
) {
	const { ctx, seat } = itemFor(db, sittingId, itemId, userId);
	if (!readsAllCards(seat.role)) refuse('forbidden', 'scoring.errors.forbidden');
	const record = lockedRecordOf(db, itemId);
	const { rubric: _rubric, serviceCase: _case, ...rest } = header(ctx);
	return {
		...rest,
		initial: buildBoard(ctx, cardsOfItem(db, itemId), live),
		isChair: seat.role === 'chair',
		/** A voting chair also scores: the board links to their own card. */
		scores: seat.voting,
		locked: record ? lockedSummary(record) : null
	};
}
