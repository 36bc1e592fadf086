// Builds and appends locked records the way the locking service does (rate → receipts → seal),
// for the demo data and the tests. Relative imports only: the CLI tests reuse it through tsx.

import { rate, type CouncilLevel } from '../../domain/rating';
import { listLeaves, optionCount, type ProductSetRubric } from '../../domain/rubric';
import { getRubric } from '../../domain/rubrics';
import {
	cardReceipt,
	type LockedCard,
	type LockedRecord,
	type LockedRecordBody
} from '../../domain/result-record';
import type { Q } from '../db/client';
import { recordChainHead } from '../chain-head';
import { scorecards } from '../db/schema';
import { lockRecord } from './lock';

// The chain tip is read where records are locked; the seeds import it from here as before.
export { chainTip } from './lock';

/**
 * A member's ticks: "rank" 0 picks each leaf's best option, 1 the next best, and so on; a
 * fractional rank alternates between the two ranks around it, leaf by leaf.
 */
export function choicesAtRank(
	rubric: ProductSetRubric,
	rankIn: number,
	/** Rank used instead on leaves with a star marker (to meet or miss the star minimums). */
	markedRank?: number
): Record<string, number> {
	const choices: Record<string, number> = {};
	for (const [j, { leaf }] of listLeaves(rubric).entries()) {
		const marked = markedRank !== undefined && leaf.options.some((o) => o.minStar !== null);
		const base = marked ? markedRank : rankIn;
		const rank = j % 2 === 0 ? Math.floor(base) : Math.ceil(base);
		const count = optionCount(leaf);
		if (leaf.options.length === 0) {
			choices[leaf.code] = rank === 0 ? 1 : 0;
			continue;
		}
		const byPoints = [...Array(count).keys()].sort(
			(a, b) => leaf.options[b].points - leaf.options[a].points
		);
		choices[leaf.code] = byPoints[Math.min(rank, count - 1)];
	}
	return choices;
}

export interface RecordSpec {
	seq: number;
	itemId: string;
	sittingId: string;
	councilId: string;
	dossierId: string;
	productName: string;
	productSetNo: number;
	rubricVersion?: string;
	level?: CouncilLevel;
	members: { id: string; choices: Record<string, number>; recused?: boolean }[];
	/** Voting members of the council (defaults to the cards given). */
	councilSize?: number;
	closedBy: string;
	closedAt: number;
	override?: { reason: string; blocked: string } | null;
}

/** The record body exactly as the locking service computes it from the stored cards. */
export function buildLockedBody(spec: RecordSpec): LockedRecordBody {
	const rubricVersion = spec.rubricVersion ?? 'qd26-2026';
	const rubric = getRubric(rubricVersion, spec.productSetNo);
	const level = spec.level ?? 'province';
	const size = spec.councilSize ?? spec.members.length;
	const settings = { quorum: '3/4', maxSpread: 10, blindScoring: true };
	const cards: LockedCard[] = spec.members.map((m, i) => {
		const card = {
			member: m.id,
			recused: m.recused ?? false,
			round: 1,
			choices: m.choices,
			submittedAt: spec.closedAt - 60_000 + i * 1000
		};
		return { ...card, receipt: cardReceipt(card) };
	});
	const result = rate(rubric, {
		level,
		council: {
			members: size,
			present: spec.members.length,
			chairPresent: true,
			quorum: { num: 3, den: 4 },
			maxSpread: settings.maxSpread
		},
		scorecards: cards.map(({ member, recused, choices }) => ({ member, recused, choices }))
	});
	return {
		seq: spec.seq,
		itemId: spec.itemId,
		sittingId: spec.sittingId,
		councilId: spec.councilId,
		dossierId: spec.dossierId,
		productName: spec.productName,
		rubricVersion,
		productSetNo: spec.productSetNo,
		level,
		settings,
		attendance: {
			members: size,
			present: spec.members.length,
			chairPresent: true,
			presentIds: spec.members.map((m) => m.id)
		},
		cards,
		earlierRounds: [],
		result,
		override: spec.override ?? null,
		closedBy: spec.closedBy,
		closedAt: spec.closedAt
	};
}

/**
 * Locks a body (lock.ts, as closing an item does) with the submitted cards it was computed
 * from, then signs the new chain head (the agenda item, its dossier and the members must exist).
 */
export function appendLockedRecord(db: Q, draft: LockedRecordBody): LockedRecord {
	const record = lockRecord(db, draft);
	const submitted = [...record.earlierRounds, ...record.cards].filter(
		(c) => !c.recused && Object.keys(c.choices).length > 0
	);
	if (submitted.length > 0)
		db.insert(scorecards)
			.values(
				submitted.map((c) => ({
					itemId: record.itemId,
					userId: c.member,
					round: c.round,
					choices: c.choices,
					submittedAt: c.submittedAt
				}))
			)
			.onConflictDoNothing()
			.run();
	recordChainHead(db, record, record.closedAt);
	return record;
}
