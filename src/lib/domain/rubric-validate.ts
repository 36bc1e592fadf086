// Consistency checks on a scorecard. A transcription slip in the statutory table (a sum that does
// not add up, an option above its criterion's max) would silently skew every rating, so the
// server refuses to start on a rubric that fails here.

import { hasAtMostTwoDecimals, toHundredths } from './exact';
import {
	PART_CODES,
	RubricError,
	isLeaf,
	walkCriteria,
	type ProductSetRubric,
	type RubricCriterion
} from './rubric';

const PART_MAX: Record<string, number> = { A: 40, B: 25, C: 35 };
const RUBRIC_TOTAL = 100;

/** Throws a RubricError naming version, set and criterion on the first defect found. */
export function validateRubric(rubric: ProductSetRubric): void {
	const fail = (code: string | null, problem: string): never => {
		throw new RubricError(
			{ version: rubric.version, setNo: rubric.no, setName: rubric.name, code },
			problem
		);
	};
	checkParts(rubric, fail);
	const seen = new Set<string>();
	for (const { node } of walkCriteria(rubric)) {
		if (seen.has(node.code)) fail(node.code, 'duplicate criterion code');
		seen.add(node.code);
		checkNode(node, fail);
	}
}

type Fail = (code: string | null, problem: string) => never;

function checkParts(rubric: ProductSetRubric, fail: Fail): void {
	const codes = rubric.parts.map((part) => part.code).join(',');
	if (codes !== PART_CODES.join(',')) fail(null, `parts must be A, B, C in order, got ${codes}`);
	for (const part of rubric.parts) {
		if (part.max !== PART_MAX[part.code]) {
			fail(part.code, `part ${part.code} must be worth ${PART_MAX[part.code]}, got ${part.max}`);
		}
		if (part.children.length === 0) fail(part.code, 'part has no criteria');
	}
	if (rubric.total !== RUBRIC_TOTAL)
		fail(null, `total must be ${RUBRIC_TOTAL}, got ${rubric.total}`);
}

function checkNode(node: RubricCriterion, fail: Fail): void {
	if (!hasAtMostTwoDecimals(node.max) || node.max < 0) {
		fail(node.code, `max ${node.max} must be a non-negative number with at most 2 decimals`);
	}
	if (!isLeaf(node)) {
		if (node.options.length > 0) fail(node.code, 'a criterion with sub-criteria has options');
		const sum = node.children.reduce((acc, child) => acc + toHundredths(child.max), 0);
		if (sum !== toHundredths(node.max)) {
			fail(node.code, `sub-criteria sum to ${sum / 100}, but max is ${node.max}`);
		}
		return;
	}
	if (node.options.length === 0) {
		if (node.max <= 0) fail(node.code, 'yes/no criterion must be worth more than 0');
		return;
	}
	checkOptions(node, fail);
}

function checkOptions(leaf: RubricCriterion, fail: Fail): void {
	const maxH = toHundredths(leaf.max);
	leaf.options.forEach((option, index) => {
		const where = `option ${index} ("${option.label}")`;
		if (!hasAtMostTwoDecimals(option.points) || option.points < 0) {
			fail(leaf.code, `${where}: points ${option.points} must be ≥ 0 with at most 2 decimals`);
		}
		if (toHundredths(option.points) > maxH) {
			fail(leaf.code, `${where}: points ${option.points} exceed max ${leaf.max}`);
		}
		if (option.minStar !== null && ![3, 4, 5].includes(option.minStar)) {
			fail(leaf.code, `${where}: min_star must be 3, 4, 5 or null`);
		}
	});
	// With "choose one of two cases" a member answers within one case, so each case on its own
	// must be able to reach the criterion's max.
	const cases = new Set(leaf.options.map((option) => option.case ?? ''));
	for (const caseName of cases) {
		const points = leaf.options
			.filter((option) => (option.case ?? '') === caseName)
			.map((option) => toHundredths(option.points));
		const best = Math.max(...points);
		if (best !== maxH) {
			const scope = caseName ? ` in case ${caseName}` : '';
			fail(leaf.code, `best option${scope} is worth ${best / 100}, but max is ${leaf.max}`);
		}
	}
}
