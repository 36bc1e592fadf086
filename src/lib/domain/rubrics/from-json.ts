// Turns the transcribed scorecard file (snake_case, as published beside RULES.md) into the typed
// model. Shape errors are reported as RubricError so a damaged data file names where it broke.

import {
	RubricError,
	type ProductSetRubric,
	type RubricCriterion,
	type RubricOption,
	type RubricPart,
	type StarLevel
} from '../rubric';

export interface RawOption {
	label: string;
	points: number;
	min_star: number | null;
	case?: string;
	transcription_fix?: string;
	points_missing_in_source?: boolean;
}

export interface RawCriterion {
	code: string;
	label: string;
	max: number;
	children?: RawCriterion[];
	options?: RawOption[];
	notes?: string[];
	transcription_fix?: string;
}

export interface RawProductSet {
	no: number;
	name: string;
	classification: string;
	disqualify_when: string;
	total: number;
	parts: RawCriterion[];
}

export interface RawRubricFile {
	rubricVersion: string;
	source?: string;
	productSets: RawProductSet[];
}

type Where = { version: string; setNo: number; setName: string };

export function productSetFromJson(version: string, raw: RawProductSet): ProductSetRubric {
	const where: Where = { version, setNo: raw.no, setName: raw.name };
	if (!Array.isArray(raw.parts)) throw new RubricError(where, 'parts must be an array');
	return {
		version,
		no: raw.no,
		name: raw.name,
		classification: raw.classification,
		disqualifyWhen: raw.disqualify_when,
		total: raw.total,
		parts: raw.parts.map((part) => criterionFromJson(where, part) as RubricPart)
	};
}

function criterionFromJson(where: Where, raw: RawCriterion): RubricCriterion {
	const code = typeof raw.code === 'string' && raw.code !== '' ? raw.code : null;
	const fail = (problem: string): never => {
		throw new RubricError({ ...where, code }, problem);
	};
	if (code === null) fail('criterion without a code');
	if (typeof raw.max !== 'number') fail('max must be a number');
	const children = raw.children ?? [];
	const options = raw.options ?? [];
	if (!Array.isArray(children) || !Array.isArray(options)) fail('children/options must be arrays');
	return {
		code: code as string,
		label: String(raw.label ?? ''),
		max: raw.max,
		children: children.map((child) => criterionFromJson(where, child)),
		options: options.map((option, index) =>
			optionFromJson(option, (p) => fail(`option ${index}: ${p}`))
		),
		notes: (raw.notes ?? []).map(String),
		...(raw.transcription_fix ? { transcriptionFix: raw.transcription_fix } : {})
	};
}

function optionFromJson(raw: RawOption, fail: (problem: string) => never): RubricOption {
	if (typeof raw.points !== 'number') fail('points must be a number');
	const minStar = raw.min_star ?? null;
	if (minStar !== null && minStar !== 3 && minStar !== 4 && minStar !== 5) {
		fail(`min_star must be 3, 4, 5 or null, got ${String(minStar)}`);
	}
	if (raw.case !== undefined && raw.case !== 'a' && raw.case !== 'b') {
		fail(`case must be "a" or "b", got ${String(raw.case)}`);
	}
	return {
		label: String(raw.label ?? ''),
		points: raw.points,
		minStar: minStar as StarLevel | null,
		...(raw.case ? { case: raw.case as 'a' | 'b' } : {}),
		...(raw.transcription_fix ? { transcriptionFix: raw.transcription_fix } : {}),
		...(raw.points_missing_in_source ? { pointsMissingInSource: true } : {})
	};
}
