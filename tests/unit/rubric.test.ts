import { describe, expect, it } from 'vitest';
import qd26 from '../../src/lib/domain/rubrics/data/qd26-2026.json';
import {
	CURRENT_RUBRIC_VERSION,
	findRubric,
	getRubric,
	listProductSets,
	listRubricVersions,
	parseRubricRef,
	validateAllRubrics
} from '../../src/lib/domain/rubrics/index';
import {
	productSetFromJson,
	type RawCriterion,
	type RawProductSet
} from '../../src/lib/domain/rubrics/from-json';
import { validateRubric } from '../../src/lib/domain/rubric-validate';
import {
	RubricError,
	choiceHundredths,
	findCriterion,
	isYesNo,
	leafIndex,
	listLeaves
} from '../../src/lib/domain/rubric';

const rawSets = (qd26 as unknown as { productSets: RawProductSet[] }).productSets;

function rawCopy(setNo: number): RawProductSet {
	return structuredClone(rawSets.find((set) => set.no === setNo)!);
}

function rawNode(set: RawProductSet, code: string): RawCriterion {
	const stack = [...set.parts];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.code === code) return node;
		stack.push(...(node.children ?? []));
	}
	throw new Error(`no ${code}`);
}

function rejection(set: RawProductSet): RubricError {
	try {
		validateRubric(productSetFromJson('qd26-2026', set));
	} catch (error) {
		expect(error).toBeInstanceOf(RubricError);
		return error as RubricError;
	}
	throw new Error('the malformed rubric was accepted');
}

describe('rubric registry', () => {
	it('validates all 26 product sets of the current version', () => {
		expect(() => validateAllRubrics()).not.toThrow();
		expect(listRubricVersions()).toContain(CURRENT_RUBRIC_VERSION);
		const sets = listProductSets(CURRENT_RUBRIC_VERSION);
		expect(sets.map((set) => set.no)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
		for (const { no, name } of sets) {
			const rubric = getRubric(CURRENT_RUBRIC_VERSION, no);
			expect(rubric.name).toBe(name);
			expect(rubric.parts.map((part) => [part.code, part.max])).toEqual([
				['A', 40],
				['B', 25],
				['C', 35]
			]);
			expect(listLeaves(rubric).length).toBeGreaterThan(20);
		}
	});

	it('lists sets for a searchable picker', () => {
		expect(listProductSets()[6]).toEqual({
			no: 7,
			name: 'Chế biến từ rau, củ, quả, hạt',
			classification: expect.any(String)
		});
	});

	it('returns the same frozen object on every call', () => {
		const rubric = getRubric('qd26-2026', 7);
		expect(getRubric('qd26-2026', 7)).toBe(rubric);
		expect(Object.isFrozen(rubric.parts[0].children[0])).toBe(true);
	});

	it('parses VERSION/SET references', () => {
		expect(parseRubricRef('qd26-2026/7')).toEqual({ version: 'qd26-2026', setNo: 7 });
		for (const bad of ['qd26-2026', 'qd26-2026/0', 'qd26-2026/07', '/7', 'qd26-2026/7/1', 'x/ 7']) {
			expect(parseRubricRef(bad), bad).toBeNull();
		}
	});

	it('rejects unknown versions and sets with a RubricError', () => {
		expect(findRubric('qd26-2026', 27)).toBeUndefined();
		expect(findRubric('qd99-2030', 1)).toBeUndefined();
		expect(() => getRubric('qd26-2026', 27)).toThrow(/rubric qd26-2026, set 27/);
		expect(() => getRubric('qd99-2030', 1)).toThrow(RubricError);
		expect(() => listProductSets('qd99-2030')).toThrow(/unknown rubric version/);
	});
});

describe('rubric tree', () => {
	const rubric = getRubric('qd26-2026', 13);

	it('finds leaves at any depth, in form order', () => {
		const codes = [...leafIndex(rubric).keys()];
		expect(codes.some((code) => code.split('.').length === 3)).toBe(true);
		expect(leafIndex(rubric).get(codes[0])!.path[0]).toBe('A');
		expect(findCriterion(rubric, '1')!.children.length).toBeGreaterThan(0);
	});

	it('scores a yes/no leaf as its max or 0', () => {
		const yesNo = listLeaves(getRubric('qd26-2026', 1)).find((entry) => isYesNo(entry.leaf))!;
		expect(yesNo.leaf.code).toBe('2.4');
		expect(choiceHundredths(yesNo.leaf, 1)).toBe(100);
		expect(choiceHundredths(yesNo.leaf, 0)).toBe(0);
		expect(choiceHundredths(yesNo.leaf, -1)).toBe(0);
		expect(() => choiceHundredths(yesNo.leaf, 2)).toThrow(RangeError);
	});

	it('keeps the "choose one of two cases" options of set 26', () => {
		const leaf = findCriterion(getRubric('qd26-2026', 26), '8')!;
		expect(leaf.options.map((option) => option.case)).toEqual(['a', 'a', 'b', 'b']);
	});
});

describe('rubric validation', () => {
	it('rejects children that do not sum to the parent max', () => {
		const set = rawCopy(7);
		const leaf = rawNode(set, '1.1');
		leaf.max = 4;
		leaf.options![2].points = 4;
		const error = rejection(set);
		expect(error.message).toContain('set 7 "Chế biến từ rau, củ, quả, hạt"');
		expect(error.message).toContain('criterion 1:');
		expect(error.message).toMatch(/sum to 19, but max is 18/);
		expect(error).toMatchObject({ version: 'qd26-2026', setNo: 7, code: '1' });
	});

	it('rejects a duplicate criterion code', () => {
		const set = rawCopy(3);
		rawNode(set, '1.2').code = '1.1';
		const error = rejection(set);
		expect(error.message).toMatch(/set 3 ".+", criterion 1\.1: duplicate criterion code/);
	});

	it('rejects a leaf whose best option is not its max', () => {
		const set = rawCopy(11);
		rawNode(set, '6.1.1').options!.forEach(
			(option) => (option.points = Math.min(option.points, 0.5))
		);
		const error = rejection(set);
		expect(error.message).toMatch(/set 11 ".+", criterion 6\.1\.1: best option is worth 0\.5/);
	});

	it('rejects an option worth more than its criterion', () => {
		const set = rawCopy(4);
		rawNode(set, '1.2').options![0].points = 13;
		expect(rejection(set).message).toMatch(/criterion 1\.2: option 0 .*exceed max/);
	});

	it('rejects parts that are not A=40, B=25, C=35', () => {
		const set = rawCopy(1);
		set.parts[1].max = 26;
		expect(rejection(set).message).toMatch(/criterion B: part B must be worth 25/);
		const swapped = rawCopy(1);
		swapped.parts.reverse();
		expect(rejection(swapped).message).toMatch(/parts must be A, B, C/);
	});

	it('rejects points with more than 2 decimals', () => {
		const set = rawCopy(1);
		rawNode(set, '1.1').options![0].points = 0.125;
		expect(rejection(set).message).toMatch(/criterion 1\.1: option 0 .*at most 2 decimals/);
	});

	it('rejects a case whose best option is not the max', () => {
		const set = rawCopy(26);
		rawNode(set, '8').options![3].points = 2;
		expect(rejection(set).message).toMatch(/criterion 8: best option in case b is worth 2/);
	});

	it('rejects a malformed marker while reading the data', () => {
		const set = rawCopy(1);
		rawNode(set, '1.3').options![2].min_star = 6;
		expect(() => productSetFromJson('qd26-2026', set)).toThrow(
			/set 1 ".+", criterion 1\.3: option 2: min_star must be 3, 4, 5 or null/
		);
	});
});
