// Re-checks locked records without the database: recomputes each result from its own cards with
// the rating core, checks every card's receipt and the record's hash, and the links between
// consecutive records. Relative imports only: `ocop verify` runs it through tsx.

import { parseQuorum, rate, type RatingResult } from '../../domain/rating';
import { findRubric } from '../../domain/rubrics';
import {
	GENESIS_HASH,
	canonicalJson,
	cardReceipt,
	recordHash,
	type LockedCard,
	type LockedRecord
} from '../../domain/result-record';

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names the first field whose type makes the record unreadable, or null when it can be checked. */
export function shapeProblem(value: unknown): string | null {
	if (!isObject(value)) return 'not a JSON object';
	const r = value;
	const checks: [string, boolean][] = [
		['seq', Number.isInteger(r.seq)],
		['hash', typeof r.hash === 'string'],
		['prevHash', typeof r.prevHash === 'string'],
		['rubricVersion', typeof r.rubricVersion === 'string'],
		['productSetNo', Number.isInteger(r.productSetNo)],
		['level', r.level === 'province' || r.level === 'central'],
		['settings', isObject(r.settings) && typeof r.settings.quorum === 'string'],
		['settings.maxSpread', isObject(r.settings) && typeof r.settings.maxSpread === 'number'],
		['attendance', isObject(r.attendance)],
		['cards', Array.isArray(r.cards) && r.cards.every(isCard)],
		['earlierRounds', Array.isArray(r.earlierRounds) && r.earlierRounds.every(isCard)],
		['result', isObject(r.result)]
	];
	const bad = checks.find(([, ok]) => !ok);
	return bad ? `field ${bad[0]} is missing or has the wrong type` : null;
}

function isCard(v: unknown): boolean {
	return (
		isObject(v) &&
		typeof v.member === 'string' &&
		typeof v.recused === 'boolean' &&
		isObject(v.choices) &&
		Object.values(v.choices).every((c) => Number.isInteger(c)) &&
		typeof v.receipt === 'string'
	);
}

/** Paths where two JSON values differ (at most `limit`), e.g. "average", "members[2].total". */
export function differingPaths(a: unknown, b: unknown, path = '', limit = 5): string[] {
	if (canonicalJson(a) === canonicalJson(b)) return [];
	if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
		return a.flatMap((x, i) => differingPaths(x, b[i], `${path}[${i}]`, limit)).slice(0, limit);
	}
	if (isObject(a) && isObject(b)) {
		const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
		return keys
			.flatMap((k) => differingPaths(a[k], b[k], path ? `${path}.${k}` : k, limit))
			.slice(0, limit);
	}
	return [path || '(whole value)'];
}

/** Recomputes the result from the record's final cards; returns the problems found. */
export function recomputeProblems(record: LockedRecord): string[] {
	const rubric = findRubric(record.rubricVersion, record.productSetNo);
	if (!rubric) return [`rubric ${record.rubricVersion}/${record.productSetNo} is unknown`];
	const quorum = parseQuorum(record.settings.quorum);
	if (!quorum) return [`settings.quorum "${record.settings.quorum}" is not a quorum`];
	const a = record.attendance as Partial<LockedRecord['attendance']>;
	let recomputed: RatingResult;
	try {
		recomputed = rate(rubric, {
			level: record.level,
			council: {
				members: Number(a.members),
				present: Number(a.present),
				chairPresent: a.chairPresent === true,
				quorum,
				maxSpread: record.settings.maxSpread
			},
			scorecards: record.cards.map(({ member, recused, choices }) => ({
				member,
				recused,
				choices
			}))
		});
	} catch (error) {
		return [`the cards do not fit the rubric (${(error as Error).message})`];
	}
	const paths = differingPaths(recomputed, record.result);
	return paths.length === 0
		? []
		: [
				`result does not match its recomputation from the cards at: result.${paths.join(', result.')}`
			];
}

function receiptProblems(record: LockedRecord): string[] {
	const all: [string, LockedCard[]][] = [
		['cards', record.cards],
		['earlierRounds', record.earlierRounds]
	];
	return all.flatMap(([field, cards]) =>
		cards.flatMap((card, i) => {
			const { receipt, ...rest } = card;
			return cardReceipt(rest) === receipt
				? []
				: [`${field}[${i}] (member ${card.member}) does not match its receipt`];
		})
	);
}

/** Every problem of one record on its own: recomputation, receipts, hash. */
export function recordProblems(record: LockedRecord): string[] {
	const { prevHash, hash, ...body } = record;
	const problems = [...recomputeProblems(record), ...receiptProblems(record)];
	if (recordHash(prevHash, body) !== hash)
		problems.push('hash does not match the record (a field was changed after locking)');
	if (record.seq === 1 && prevHash !== GENESIS_HASH)
		problems.push('prevHash of the first record is not the genesis hash');
	return problems;
}

/** Links between consecutive records given in chain order. */
export function linkProblems(prev: LockedRecord, next: LockedRecord): string[] {
	const problems: string[] = [];
	if (next.seq !== prev.seq + 1)
		problems.push(`seq ${next.seq} does not follow seq ${prev.seq} (a record is missing or moved)`);
	if (next.prevHash !== prev.hash)
		problems.push(`prevHash does not link to the hash of seq ${prev.seq}`);
	return problems;
}
