// The view of one locked result that pages and documents show: everything is read from the
// record itself (the figures that were locked), plus the decision and certificate if any.

import { getRubric } from '../../domain/rubrics';
import type { LockedRecord } from '../../domain/result-record';
import type { Q } from '../db/client';
import {
	certificateExpiry,
	criterionAverages,
	memberLabels,
	partAverages,
	type CriterionAverage
} from './figures';
import { userNames, type ResultRow } from './repository';

export interface MemberLine {
	label: string;
	recused: boolean;
	parts: { A: number; B: number; C: number };
	total: number;
}

export interface ResultDetail {
	seq: number;
	hash: string;
	productName: string;
	organization: string;
	productSetNo: number;
	productSetName: string;
	rubricVersion: string;
	level: 'province' | 'central';
	councilName: string;
	authority: string;
	place: string;
	roundName: string;
	/** The round's number in its year: the public page names it in the reader's language. */
	roundNo: number;
	year: number;
	sittingTitle: string;
	closedAt: number;
	publishedAt: number | null;
	stars: number | null;
	average: number | null;
	spread: number | null;
	band: number | null;
	floor: number | null;
	blocked: string | null;
	outcome: string | null;
	cappedBy: 'band' | 'floor' | 'both' | null;
	/** Star levels whose minimums were not met by a majority, with the criteria that failed. */
	failedLevels: {
		level: number;
		/** `optionLabel` as the form prints it, asterisks included; `minStar` is their meaning. */
		failed: { code: string; label: string; optionLabel: string; minStar: number }[];
	}[];
	parts: { A: number | null; B: number | null; C: number | null };
	criteria: CriterionAverage[];
	members: MemberLine[];
	override: { reason: string; blocked: string } | null;
	decision: {
		number: string;
		decidedOn: string;
		outcome: string | null;
		/** The level recognised by this decision (may differ from the council's 5★ after a return). */
		stars: number | null;
		certificateNo: string | null;
		expiresOn: string | null;
	} | null;
}

/**
 * `showNames` is the council's publishMemberNames for public readers and true for the office.
 * `anonymous(n)` makes "Thành viên n" in the reader's language.
 */
export function resultDetail(
	db: Q,
	row: ResultRow,
	record: LockedRecord,
	opts: {
		showNames: boolean;
		anonymous: (n: number) => string;
		/** The members' names as the council sat at locking time (documents/people.ts). */
		names?: ReadonlyMap<string, string>;
	}
): ResultDetail {
	const rubric = getRubric(record.rubricVersion, record.productSetNo);
	const names = opts.showNames
		? (opts.names ??
			userNames(
				db,
				record.cards.map((c) => c.member)
			))
		: null;
	const labels = memberLabels(record, names, opts.anonymous);
	const r = record.result;
	return {
		seq: record.seq,
		hash: record.hash,
		productName: record.productName,
		organization: row.organization,
		productSetNo: record.productSetNo,
		productSetName: rubric.name,
		rubricVersion: record.rubricVersion,
		level: record.level,
		councilName: row.councilName,
		authority: row.authority,
		place: row.place,
		roundName: row.roundName,
		roundNo: row.roundNo,
		year: row.year,
		sittingTitle: row.sittingTitle,
		closedAt: record.closedAt,
		publishedAt: row.publishedAt ?? null,
		stars: r.stars,
		average: r.average,
		spread: r.spread,
		band: r.band,
		floor: r.floor,
		blocked: r.blocked,
		outcome: r.outcome,
		cappedBy: r.explanation.cappedBy,
		failedLevels: r.explanation.levels
			.filter((l) => !l.met)
			.map((l) => ({
				level: l.level,
				failed: l.failed.map((f) => ({
					code: f.code,
					label: f.label,
					optionLabel: f.optionLabel,
					minStar: f.minStar
				}))
			})),
		parts: partAverages(record),
		criteria: criterionAverages(rubric, record),
		members: r.members.map((m) => ({
			label: labels.get(m.member) ?? m.member,
			recused: m.recused,
			parts: { A: m.parts.A, B: m.parts.B, C: m.parts.C },
			total: m.total
		})),
		override: record.override,
		decision: row.decisionNumber
			? {
					number: row.decisionNumber,
					decidedOn: row.decidedOn!,
					outcome: row.outcome,
					stars: row.decisionStars,
					certificateNo: row.certificateNo,
					expiresOn: row.expiresOn ?? (row.decidedOn ? certificateExpiry(row.decidedOn) : null)
				}
			: null
	};
}
