// The typed model of a statutory OCOP scorecard (bộ tiêu chí kiêm phiếu đánh giá) and the tree
// helpers the rating, the scoring form and the server share. The model is read-only: a rubric
// version never changes once results have been locked under it.

import { toHundredths } from './exact';

export type StarLevel = 3 | 4 | 5;
export type PartCode = 'A' | 'B' | 'C';
export const PART_CODES: readonly PartCode[] = ['A', 'B', 'C'];
export const STAR_LEVELS: readonly StarLevel[] = [3, 4, 5];
/** Choice value meaning "none of the options is met": worth 0 points. */
export const NONE_MET = -1;

export interface RubricOption {
	/** Label as written on the form, asterisks included (show `minStar` as a badge). */
	label: string;
	points: number;
	/** 3, 4 or 5 when the form marks the option ***, **** or *****. */
	minStar: StarLevel | null;
	/** Set 26 only: the "choose one of two cases" case this option belongs to. */
	case?: 'a' | 'b';
	/** Why a transcription slip was corrected, when the correction changes points or stars. */
	transcriptionFix?: string;
	/** The form prints no points for this option (read as 0). */
	pointsMissingInSource?: boolean;
}

export interface RubricCriterion {
	code: string;
	label: string;
	max: number;
	/** Empty for a leaf criterion, the thing a member scores. */
	children: readonly RubricCriterion[];
	/** Empty for a yes/no leaf (worth `max` or 0) and for every inner node. */
	options: readonly RubricOption[];
	/** Requirements, elimination rules, gates, "choose one of two cases": shown beside it. */
	notes: readonly string[];
	transcriptionFix?: string;
}

export interface RubricPart extends RubricCriterion {
	code: PartCode;
}

/** The scorecard of one product set (bộ sản phẩm) under one rubric version. */
export interface ProductSetRubric {
	version: string;
	no: number;
	name: string;
	classification: string;
	/** Conditions that reject a dossier before scoring. */
	disqualifyWhen: string;
	total: number;
	parts: readonly RubricPart[];
}

export interface RubricRef {
	version: string;
	setNo: number;
}

/** A leaf with where it sits: its part and the codes of its ancestors (part first). */
export interface LeafEntry {
	part: PartCode;
	leaf: RubricCriterion;
	path: readonly string[];
}

/** A defect in rubric data; the message names the version, the set and the criterion. */
export class RubricError extends Error {
	readonly version: string;
	readonly setNo: number | null;
	readonly setName: string | null;
	readonly code: string | null;

	constructor(
		where: {
			version: string;
			setNo?: number | null;
			setName?: string | null;
			code?: string | null;
		},
		problem: string
	) {
		super(`${describeWhere(where)}: ${problem}`);
		this.name = 'RubricError';
		this.version = where.version;
		this.setNo = where.setNo ?? null;
		this.setName = where.setName ?? null;
		this.code = where.code ?? null;
	}
}

function describeWhere(where: {
	version: string;
	setNo?: number | null;
	setName?: string | null;
	code?: string | null;
}): string {
	let text = `rubric ${where.version}`;
	if (where.setNo != null) text += `, set ${where.setNo}`;
	if (where.setName) text += ` "${where.setName}"`;
	if (where.code) text += `, criterion ${where.code}`;
	return text;
}

export function isLeaf(node: RubricCriterion): boolean {
	return node.children.length === 0;
}

export function isYesNo(leaf: RubricCriterion): boolean {
	return isLeaf(leaf) && leaf.options.length === 0;
}

/** How many option indices a leaf accepts (a yes/no leaf takes 0 = no, 1 = yes). */
export function optionCount(leaf: RubricCriterion): number {
	return isYesNo(leaf) ? 2 : leaf.options.length;
}

/** Whether `choice` is a valid answer for `leaf`: NONE_MET or an index in range. */
export function isValidChoice(leaf: RubricCriterion, choice: number): boolean {
	return Number.isInteger(choice) && choice >= NONE_MET && choice < optionCount(leaf);
}

/** Points of an answer in integer hundredths; throws on an invalid answer. */
export function choiceHundredths(leaf: RubricCriterion, choice: number): number {
	if (!isValidChoice(leaf, choice)) {
		throw new RangeError(`criterion ${leaf.code}: invalid choice ${choice}`);
	}
	if (choice === NONE_MET) return 0;
	if (isYesNo(leaf)) return choice === 1 ? toHundredths(leaf.max) : 0;
	return toHundredths(leaf.options[choice].points);
}

/** Every node of the set depth-first in form order, parts included. */
export function* walkCriteria(
	rubric: ProductSetRubric
): Generator<{ node: RubricCriterion; part: PartCode; path: readonly string[] }> {
	for (const part of rubric.parts) yield* walkNode(part, part.code, []);
}

function* walkNode(
	node: RubricCriterion,
	part: PartCode,
	ancestors: readonly string[]
): Generator<{ node: RubricCriterion; part: PartCode; path: readonly string[] }> {
	yield { node, part, path: ancestors };
	const path = [...ancestors, node.code];
	for (const child of node.children) yield* walkNode(child, part, path);
}

const leafCache = new WeakMap<ProductSetRubric, Map<string, LeafEntry>>();

/** Leaves by code, in form order (cached per rubric object). A part is never a leaf. */
export function leafIndex(rubric: ProductSetRubric): ReadonlyMap<string, LeafEntry> {
	let index = leafCache.get(rubric);
	if (!index) {
		index = new Map();
		for (const part of rubric.parts) {
			for (const child of part.children) {
				for (const { node, path } of walkNode(child, part.code, [part.code])) {
					if (isLeaf(node)) index.set(node.code, { part: part.code, leaf: node, path });
				}
			}
		}
		leafCache.set(rubric, index);
	}
	return index;
}

export function listLeaves(rubric: ProductSetRubric): LeafEntry[] {
	return [...leafIndex(rubric).values()];
}

export function findCriterion(rubric: ProductSetRubric, code: string): RubricCriterion | undefined {
	for (const { node } of walkCriteria(rubric)) if (node.code === code) return node;
	return undefined;
}

export function formatRubricRef(ref: RubricRef): string {
	return `${ref.version}/${ref.setNo}`;
}
