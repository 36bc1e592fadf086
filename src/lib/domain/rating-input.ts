// Validation of a rating input at a boundary (the `ocop rate` command, an import, a test): every
// problem is reported with the path of the field, e.g.
//   scorecards[2].choices["1.4"]: option index 7 out of range (0..3)
//
// Decisions where RULES.md is silent, written down here once:
// - Defaults where RULES.md names one: council.quorum absent (or null) → "3/4";
//   council.maxSpread absent (or null) → 10.
// - A card's `choices` absent (or null) → {}: the contract lists a recused card "with what it
//   holds", which may be nothing (the app itself writes a recused card with no answers); a
//   non-recused card without answers is simply incomplete (rating rule 2).
// - A card's `recused` absent (or null) → false: "A member either scores or is recused", and
//   recusal is the exception a card states.
// - Every other field is required.
// - A leaf left out of `choices` is not an error: the card is incomplete (rating rule 2).
// - Unknown fields are ignored, so a file may carry notes or ids.
// - Every integer field (council.members, council.present, option indices) must be a safe
//   integer: beyond 2^53 a JSON number is already rounded, so its count is not the one written.
// - One card per member: the input is "one product's scorecards from one council sitting" and a
//   member "either scores or is recused"; a second card for the same member would weigh twice.
// - -1 ("none met", 0 points) is taken on every leaf, yes/no ones included: the contract says
//   "`-1` means none met (0 points)" of `choices` as a whole, and the worked example 011 answers
//   -1 on the yes/no leaf 2.3 of set 22 and is rated normally.
// - Set 26: a card's case answers keep to one case ("a member answers within one").
// - A present count above the number of cards is allowed: a present member may be the
//   non-voting secretary or may not have submitted yet.
// - More non-recused cards than members present (or than members) is not refused: RULES.md
//   names no such check, and the rating stands on the cards the input holds.
// - quorum also accepts an exact decimal string ("0.75"); anything outside (0, 1] is an error.

import { findRubric, hasRubricVersion, parseRubricRef } from './rubrics/index';
import {
	isValidChoice,
	isYesNo,
	leafIndex,
	optionCount,
	type ProductSetRubric,
	type RubricRef
} from './rubric';
import { DEFAULT_QUORUM, parseQuorum } from './quorum';
import type { CouncilLevel, CouncilSitting, RatingInput, Scorecard } from './rating';
import { cardCase, caseConflicts } from './service-case';

export const DEFAULT_MAX_SPREAD = 10;

export interface RatingInputIssue {
	/** Field path in the input, e.g. `council.present` or `scorecards[0].choices["2.1"]`. */
	path: string;
	message: string;
}

export interface ParsedRatingInput extends RatingInput {
	rubricRef: RubricRef;
	rubric: ProductSetRubric;
}

export type ParseRatingInputResult =
	{ ok: true; value: ParsedRatingInput } | { ok: false; errors: RatingInputIssue[] };

export function formatIssue(issue: RatingInputIssue): string {
	return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

// Collects problems; parsers compare `count` before and after to know whether theirs were clean.
class Issues {
	readonly list: RatingInputIssue[] = [];
	add(path: string, message: string): void {
		this.list.push({ path, message });
	}
	get count(): number {
		return this.list.length;
	}
}

export function parseRatingInput(json: unknown): ParseRatingInputResult {
	const issues = new Issues();
	if (!isObject(json)) {
		issues.add('', `the input must be a JSON object, got ${describe(json)}`);
		return { ok: false, errors: issues.list };
	}
	const resolved = parseRubricField(json.rubric, issues);
	const level = parseLevel(json.level, issues);
	const council = parseCouncil(json.council, issues);
	const scorecards = parseScorecards(json.scorecards, resolved?.rubric ?? null, issues);
	if (issues.count > 0 || !resolved || !level || !council || !scorecards) {
		return { ok: false, errors: issues.list };
	}
	return { ok: true, value: { ...resolved, level, council, scorecards } };
}

function parseRubricField(
	value: unknown,
	issues: Issues
): { rubricRef: RubricRef; rubric: ProductSetRubric } | null {
	if (typeof value !== 'string') {
		issues.add(
			'rubric',
			`must be a string "VERSION/SET" such as "qd26-2026/7", got ${describe(value)}`
		);
		return null;
	}
	const ref = parseRubricRef(value);
	if (!ref) {
		issues.add('rubric', `"${value}" is not VERSION/SET (e.g. "qd26-2026/7")`);
		return null;
	}
	if (!hasRubricVersion(ref.version)) {
		issues.add('rubric', `unknown rubric version "${ref.version}"`);
		return null;
	}
	const rubric = findRubric(ref.version, ref.setNo);
	if (!rubric) {
		issues.add('rubric', `rubric version "${ref.version}" has no product set ${ref.setNo}`);
		return null;
	}
	return { rubricRef: ref, rubric };
}

function parseLevel(value: unknown, issues: Issues): CouncilLevel | null {
	if (value === 'province' || value === 'central') return value;
	issues.add('level', `must be "province" or "central", got ${describe(value)}`);
	return null;
}

function parseCouncil(value: unknown, issues: Issues): CouncilSitting | null {
	if (!isObject(value)) {
		issues.add('council', `must be an object, got ${describe(value)}`);
		return null;
	}
	const before = issues.count;
	const { members, present, chairPresent } = value;
	if (!isInt(members) || members < 1) {
		issues.add('council.members', `must be a positive integer, got ${describe(members)}`);
	}
	if (!isInt(present) || present < 0) {
		issues.add('council.present', `must be a non-negative integer, got ${describe(present)}`);
	} else if (isInt(members) && members >= 1 && present > members) {
		issues.add('council.present', `${present} present is more than the ${members} members`);
	}
	if (typeof chairPresent !== 'boolean') {
		issues.add('council.chairPresent', `must be true or false, got ${describe(chairPresent)}`);
	}
	const quorum = parseQuorumField(value.quorum, issues);
	const maxSpread = value.maxSpread ?? DEFAULT_MAX_SPREAD;
	if (typeof maxSpread !== 'number' || !Number.isFinite(maxSpread) || maxSpread < 0) {
		issues.add(
			'council.maxSpread',
			`must be a non-negative number of points, got ${describe(maxSpread)}`
		);
	}
	if (issues.count !== before || !quorum) return null;
	return {
		members: members as number,
		present: present as number,
		chairPresent: chairPresent as boolean,
		quorum,
		maxSpread: maxSpread as number
	};
}

function parseQuorumField(value: unknown, issues: Issues) {
	if (value === undefined || value === null) return DEFAULT_QUORUM;
	const quorum = typeof value === 'string' ? parseQuorum(value) : null;
	if (!quorum) {
		issues.add(
			'council.quorum',
			`must be a fraction in (0, 1] such as "3/4", "2/3" or "1", got ${describe(value)}`
		);
	}
	return quorum;
}

function parseScorecards(
	value: unknown,
	rubric: ProductSetRubric | null,
	issues: Issues
): Scorecard[] | null {
	if (!Array.isArray(value)) {
		issues.add('scorecards', `must be an array, got ${describe(value)}`);
		return null;
	}
	const cards = value.map((card, i) => parseScorecard(card, `scorecards[${i}]`, rubric, issues));
	const firstCardOf = new Map<string, number>();
	for (const [i, card] of value.entries()) {
		const member: unknown = isObject(card) ? card.member : undefined;
		if (typeof member !== 'string' || member.trim() === '') continue;
		const first = firstCardOf.get(member);
		if (first === undefined) firstCardOf.set(member, i);
		else
			issues.add(
				`scorecards[${i}].member`,
				`member ${JSON.stringify(member)} already has a card (scorecards[${first}]); ` +
					'one card per member'
			);
	}
	return cards.every((card) => card !== null) ? (cards as Scorecard[]) : null;
}

function parseScorecard(
	value: unknown,
	path: string,
	rubric: ProductSetRubric | null,
	issues: Issues
): Scorecard | null {
	if (!isObject(value)) {
		issues.add(path, `must be an object, got ${describe(value)}`);
		return null;
	}
	const before = issues.count;
	const { member } = value;
	const recused = value.recused ?? false;
	const choices = value.choices ?? {};
	if (typeof member !== 'string' || member.trim() === '') {
		issues.add(`${path}.member`, `must be a non-empty string, got ${describe(member)}`);
	}
	if (typeof recused !== 'boolean') {
		issues.add(`${path}.recused`, `must be true or false, got ${describe(recused)}`);
	}
	if (!isObject(choices)) {
		issues.add(
			`${path}.choices`,
			`must be an object of leaf code → option index, got ${describe(choices)}`
		);
	} else if (rubric) {
		checkChoices(choices, `${path}.choices`, rubric, issues);
	}
	if (issues.count !== before) return null;
	return {
		member: member as string,
		recused: recused as boolean,
		choices: { ...(choices as object) } as Record<string, number>
	};
}

function checkChoices(
	choices: Record<string, unknown>,
	path: string,
	rubric: ProductSetRubric,
	issues: Issues
): void {
	const leaves = leafIndex(rubric);
	const before = issues.count;
	for (const [code, choice] of Object.entries(choices)) {
		const where = `${path}[${JSON.stringify(code)}]`;
		const entry = leaves.get(code);
		if (!entry) {
			issues.add(where, `"${code}" is not a leaf criterion of set ${rubric.no} (${rubric.name})`);
			continue;
		}
		const yesNo = isYesNo(entry.leaf);
		const range = yesNo
			? '0 = no, 1 = yes, or -1 for none met'
			: `0..${optionCount(entry.leaf) - 1}, or -1 for none met`;
		if (!isInt(choice)) {
			issues.add(where, `must be an integer option index (${range}), got ${describe(choice)}`);
		} else if (!isValidChoice(entry.leaf, choice)) {
			const what = yesNo ? 'yes/no answer' : 'option index';
			issues.add(where, `${what} ${choice} out of range (${range})`);
		}
	}
	if (issues.count !== before) return;
	const answers = choices as Record<string, number>;
	const conflicts = caseConflicts(rubric, answers, null);
	if (conflicts.length > 0) {
		const own = cardCase(rubric, answers, null);
		const codes = conflicts.map((code) => JSON.stringify(code)).join(', ');
		issues.add(
			path,
			`set ${rubric.no} criteria ${codes} answer the other case than case ${own} chosen earlier ` +
				'on this card; a member answers within one case'
		);
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A safe integer: past 2^53 a JSON number has already been rounded (2^60 − 1 reads as 2^60). */
function isInt(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing (the field is missing)';
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	// JSON.parse reads 1e400 as Infinity (which JSON.stringify would write as null) and
	// 9007199254740993 as ...992: name what the reader met, not a number the file never held.
	if (typeof value === 'number' && !Number.isFinite(value)) {
		return 'a number too large to be read (beyond 1.8e308)';
	}
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		return `a number beyond 2^53 (${JSON.stringify(value)}), which a JSON reader no longer holds exactly`;
	}
	return JSON.stringify(value);
}
