// The registry of rubric versions. Each version is a separate, frozen data file keyed by its
// name: adding a new decision adds an entry beside the old one, so results locked under an older
// version are recomputed and verified against exactly the scorecards they were scored on.

import { RubricError, type ProductSetRubric, type RubricRef } from '../rubric';
import { validateRubric } from '../rubric-validate';
import qd26 from './data/qd26-2026.json';
import { productSetFromJson, type RawProductSet, type RawRubricFile } from './from-json';

export const CURRENT_RUBRIC_VERSION = 'qd26-2026';

const SOURCES: ReadonlyMap<string, RawRubricFile> = new Map([
	['qd26-2026', qd26 as unknown as RawRubricFile]
]);

/** One entry of the product-set picker. */
export interface ProductSetSummary {
	no: number;
	name: string;
	classification: string;
}

const cache = new Map<string, ProductSetRubric>();

export function listRubricVersions(): string[] {
	return [...SOURCES.keys()];
}

export function hasRubricVersion(version: string): boolean {
	return SOURCES.has(version);
}

/** The product sets of a version in Phụ lục I order; throws RubricError on an unknown version. */
export function listProductSets(version: string = CURRENT_RUBRIC_VERSION): ProductSetSummary[] {
	return sourceOf(version).productSets.map(({ no, name, classification }) => ({
		no,
		name,
		classification
	}));
}

/** The validated scorecard, or undefined when the version or set does not exist. */
export function findRubric(version: string, setNo: number): ProductSetRubric | undefined {
	const key = `${version}/${setNo}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const raw = SOURCES.get(version)?.productSets.find((set) => set.no === setNo);
	if (!raw) return undefined;
	const rubric = load(version, raw);
	cache.set(key, rubric);
	return rubric;
}

/** The validated scorecard; throws RubricError when the version or set does not exist. */
export function getRubric(version: string, setNo: number): ProductSetRubric {
	const rubric = findRubric(version, setNo);
	if (rubric) return rubric;
	sourceOf(version);
	throw new RubricError({ version, setNo }, `no product set ${setNo} in this version`);
}

/** Parses "qd26-2026/7" into its parts; null when the text is not VERSION/SET. */
export function parseRubricRef(text: string): RubricRef | null {
	const match = /^([A-Za-z0-9][\w.-]*)\/([1-9]\d{0,3})$/.exec(text);
	return match ? { version: match[1], setNo: Number(match[2]) } : null;
}

/** Validates every set of every version; the server calls this at start. Throws RubricError. */
export function validateAllRubrics(): void {
	for (const [version, file] of SOURCES) {
		if (file.rubricVersion !== version) {
			throw new RubricError({ version }, `data file says version ${file.rubricVersion}`);
		}
		const numbers = new Set<number>();
		for (const raw of file.productSets) {
			if (numbers.has(raw.no)) throw new RubricError({ version, setNo: raw.no }, 'duplicate set');
			numbers.add(raw.no);
			findRubric(version, raw.no);
		}
	}
}

function sourceOf(version: string): RawRubricFile {
	const file = SOURCES.get(version);
	if (!file) throw new RubricError({ version }, 'unknown rubric version');
	return file;
}

function load(version: string, raw: RawProductSet): ProductSetRubric {
	const rubric = productSetFromJson(version, raw);
	validateRubric(rubric);
	return deepFreeze(rubric);
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
