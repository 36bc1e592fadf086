import { describe, expect, it } from 'vitest';
import {
	DEFAULT_MAX_SPREAD,
	formatIssue,
	parseRatingInput
} from '../../src/lib/domain/rating-input';
import { parseQuorum } from '../../src/lib/domain/rating';

function valid(): Record<string, unknown> {
	return {
		rubric: 'qd26-2026/1',
		level: 'province',
		council: { members: 9, present: 8, chairPresent: true, quorum: '2/3', maxSpread: 12 },
		scorecards: [
			{ member: 'm1', recused: false, choices: { '1.1': 2, '2.4': 1 } },
			{ member: 'm2', recused: true, choices: {} }
		]
	};
}

function errorsOf(json: unknown): string[] {
	const result = parseRatingInput(json);
	if (result.ok) throw new Error('expected errors');
	return result.errors.map(formatIssue);
}

describe('parseRatingInput', () => {
	it('returns the typed input with its rubric', () => {
		const result = parseRatingInput(valid());
		if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
		expect(result.value.rubricRef).toEqual({ version: 'qd26-2026', setNo: 1 });
		expect(result.value.rubric.name).toBe('Rau, củ, quả, hạt tươi');
		expect(result.value.council).toEqual({
			members: 9,
			present: 8,
			chairPresent: true,
			quorum: { num: 2, den: 3 },
			maxSpread: 12
		});
		expect(result.value.scorecards[1]).toEqual({ member: 'm2', recused: true, choices: {} });
	});

	it('defaults quorum to 3/4 and maxSpread to 10 only when they are absent', () => {
		const input = valid();
		input.council = { members: 5, present: 5, chairPresent: true };
		const result = parseRatingInput(input);
		expect(result.ok && result.value.council).toMatchObject({
			quorum: { num: 3, den: 4 },
			maxSpread: DEFAULT_MAX_SPREAD
		});
		input.council = { members: 5, present: 5, chairPresent: true, quorum: '', maxSpread: '10' };
		expect(errorsOf(input)).toEqual([
			'council.quorum: must be a fraction in (0, 1] such as "3/4", "2/3" or "1", got ""',
			'council.maxSpread: must be a non-negative number of points, got "10"'
		]);
	});

	it('names the field of every problem', () => {
		const input = valid();
		input.scorecards = [
			{ member: 'm1', recused: false, choices: { '1.1': 2 } },
			{ member: '', recused: 'no', choices: [] },
			{
				member: 'm3',
				recused: false,
				choices: { '1.4': 7, '2.4': 2, '9.9': 0, '1.2': 1.5, '1.3': -2 }
			}
		];
		expect(errorsOf(input)).toEqual([
			'scorecards[1].member: must be a non-empty string, got ""',
			'scorecards[1].recused: must be true or false, got "no"',
			'scorecards[1].choices: must be an object of leaf code → option index, got an array',
			'scorecards[2].choices["1.4"]: option index 7 out of range (0..2, or -1 for none met)',
			'scorecards[2].choices["2.4"]: yes/no answer 2 out of range (0 = no, 1 = yes, or -1 for none met)',
			'scorecards[2].choices["9.9"]: "9.9" is not a leaf criterion of set 1 (Rau, củ, quả, hạt tươi)',
			'scorecards[2].choices["1.2"]: must be an integer option index (0..2, or -1 for none met), got 1.5',
			'scorecards[2].choices["1.3"]: option index -2 out of range (0..2, or -1 for none met)'
		]);
	});

	it('rejects a group code: only leaves take answers', () => {
		const input = valid();
		input.scorecards = [{ member: 'm1', recused: false, choices: { '1': 0 } }];
		expect(errorsOf(input)).toEqual([
			'scorecards[0].choices["1"]: "1" is not a leaf criterion of set 1 (Rau, củ, quả, hạt tươi)'
		]);
	});

	it('checks the rubric, the level and the council', () => {
		const table: [Record<string, unknown>, string][] = [
			[{ rubric: 'qd26-2026/27' }, 'rubric: rubric version "qd26-2026" has no product set 27'],
			[{ rubric: 'qd99-2030/1' }, 'rubric: unknown rubric version "qd99-2030"'],
			[{ rubric: 7 }, 'rubric: must be a string "VERSION/SET" such as "qd26-2026/7", got 7'],
			[{ rubric: 'qd26-2026' }, 'rubric: "qd26-2026" is not VERSION/SET (e.g. "qd26-2026/7")'],
			[{ level: 'district' }, 'level: must be "province" or "central", got "district"'],
			[{ council: null }, 'council: must be an object, got null'],
			[{ scorecards: {} }, 'scorecards: must be an array, got an object']
		];
		for (const [patch, message] of table)
			expect(errorsOf({ ...valid(), ...patch })).toEqual([message]);
		const council = (patch: Record<string, unknown>) => ({
			...valid(),
			council: { members: 9, present: 8, chairPresent: true, ...patch }
		});
		expect(errorsOf(council({ members: 0 }))).toEqual([
			'council.members: must be a positive integer, got 0'
		]);
		expect(errorsOf(council({ present: 10 }))).toEqual([
			'council.present: 10 present is more than the 9 members'
		]);
		expect(errorsOf(council({ present: -1 }))).toEqual([
			'council.present: must be a non-negative integer, got -1'
		]);
		expect(errorsOf(council({ chairPresent: undefined }))).toEqual([
			'council.chairPresent: must be true or false, got nothing (the field is missing)'
		]);
		expect(errorsOf(council({ maxSpread: -1 }))).toHaveLength(1);
		expect(errorsOf(council({ quorum: '5/4' }))).toHaveLength(1);
		expect(errorsOf(council({ quorum: 0.75 }))).toHaveLength(1);
	});

	it('refuses integers that are not safe: past 2^53 the count read is not the one written', () => {
		const council = (patch: Record<string, unknown>) => ({
			...valid(),
			council: { members: 9, present: 8, chairPresent: true, ...patch }
		});
		const beyond = (n: number) =>
			`a number beyond 2^53 (${JSON.stringify(n)}), which a JSON reader no longer holds exactly`;
		expect(errorsOf(council({ members: 1e308, present: 1 }))).toEqual([
			`council.members: must be a positive integer, got ${beyond(1e308)}`
		]);
		expect(errorsOf(council({ members: 2 ** 60, present: 2 ** 60 - 1 }))).toEqual([
			`council.members: must be a positive integer, got ${beyond(2 ** 60)}`,
			`council.present: must be a non-negative integer, got ${beyond(2 ** 60)}`
		]);
		// JSON.parse reads 1e400 as Infinity: named as too large, not as null.
		expect(errorsOf(council({ members: Infinity }))).toEqual([
			'council.members: must be a positive integer, got a number too large to be read (beyond 1.8e308)'
		]);
		const card = {
			...valid(),
			scorecards: [{ member: 'm1', recused: false, choices: { '1.1': 2 ** 53 } }]
		};
		expect(errorsOf(card)).toEqual([
			`scorecards[0].choices["1.1"]: must be an integer option index (0..2, or -1 for none met), got ${beyond(2 ** 53)}`
		]);
		const largest = council({ members: Number.MAX_SAFE_INTEGER, present: Number.MAX_SAFE_INTEGER });
		expect(parseRatingInput(largest).ok).toBe(true);
	});

	it('refuses a second card for the same member, naming the member and the first card', () => {
		const input = valid();
		input.scorecards = [
			{ member: 'm1', recused: false, choices: { '1.1': 2 } },
			{ member: 'm2', recused: false, choices: {} },
			{ member: 'm1', recused: false, choices: { '1.1': 2 } }
		];
		expect(errorsOf(input)).toEqual([
			'scorecards[2].member: member "m1" already has a card (scorecards[0]); one card per member'
		]);
	});

	it('takes "none met" (-1) on a yes/no leaf too, as the worked example 011 does', () => {
		const input = valid();
		input.scorecards = [{ member: 'm1', recused: false, choices: { '1.1': -1, '2.4': -1 } }];
		expect(parseRatingInput(input).ok).toBe(true);
	});

	it('accepts a card without choices or without recused: a recused card is listed with what it holds', () => {
		const input = valid();
		input.scorecards = [
			{ member: 'm1', choices: { '1.1': 2 } },
			{ member: 'm2', recused: true },
			{ member: 'm3', recused: null, choices: null }
		];
		const result = parseRatingInput(input);
		if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
		expect(result.value.scorecards).toEqual([
			{ member: 'm1', recused: false, choices: { '1.1': 2 } },
			{ member: 'm2', recused: true, choices: {} },
			{ member: 'm3', recused: false, choices: {} }
		]);
	});

	it('set 26: refuses a card answering both cases, as the app does', () => {
		// Criteria 8, 9 and 15: options 0-1 are case a, 2-3 case b.
		const card = (choices: Record<string, number>) => ({
			...valid(),
			rubric: 'qd26-2026/26',
			scorecards: [{ member: 'm1', recused: false, choices }]
		});
		expect(errorsOf(card({ '8': 1, '9': 2, '15': 0 }))).toEqual([
			'scorecards[0].choices: set 26 criteria "9" answer the other case than case a chosen ' +
				'earlier on this card; a member answers within one case'
		]);
		expect(errorsOf(card({ '15': 3, '8': 0 }))).toEqual([
			'scorecards[0].choices: set 26 criteria "15" answer the other case than case a chosen ' +
				'earlier on this card; a member answers within one case'
		]);
		expect(parseRatingInput(card({ '8': 2, '9': 3, '15': -1 })).ok).toBe(true);
		expect(parseRatingInput(card({ '8': 0, '9': 1, '15': 1 })).ok).toBe(true);
	});

	it('rejects what is not an object', () => {
		expect(errorsOf([])).toEqual(['the input must be a JSON object, got an array']);
		expect(errorsOf(null)).toEqual(['the input must be a JSON object, got null']);
	});
});

describe('parseQuorum', () => {
	it.each([
		['3/4', { num: 3, den: 4 }],
		['2/3', { num: 2, den: 3 }],
		['1', { num: 1, den: 1 }],
		['1/1', { num: 1, den: 1 }],
		[' 3 / 4 ', { num: 3, den: 4 }],
		['0.75', { num: 75, den: 100 }]
	])('reads %j', (text, fraction) => expect(parseQuorum(text)).toEqual(fraction));

	it.each(['0', '0/4', '5/4', '3/0', '1.5', '-1/2', 'abc', '', '3/4/5', '2'])(
		'rejects %j',
		(text) => expect(parseQuorum(text)).toBeNull()
	);
});
