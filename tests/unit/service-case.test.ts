import { describe, expect, it } from 'vitest';
import { getRubric, CURRENT_RUBRIC_VERSION } from '../../src/lib/domain/rubrics';
import { leafIndex } from '../../src/lib/domain/rubric';
import {
	caseConflicts,
	cardCase,
	fitsCase,
	outsideCase,
	rubricHasCases
} from '../../src/lib/domain/service-case';

const tourism = getRubric(CURRENT_RUBRIC_VERSION, 26);
const leaf = (code: string) => leafIndex(tourism).get(code)!.leaf;

describe('the case of a set-26 dossier', () => {
	it('is asked by set 26 only', () => {
		expect(rubricHasCases(tourism)).toBe(true);
		for (const set of [1, 2, 25])
			expect(rubricHasCases(getRubric(CURRENT_RUBRIC_VERSION, set))).toBe(false);
	});

	it('keeps each of criteria 8, 9 and 15 to the stated case', () => {
		for (const code of ['8', '9', '15']) {
			const l = leaf(code);
			const a = l.options.flatMap((o, i) => (o.case === 'a' ? [i] : []));
			const b = l.options.flatMap((o, i) => (o.case === 'b' ? [i] : []));
			expect(a.length).toBeGreaterThan(0);
			expect(b.length).toBeGreaterThan(0);
			for (const i of a) {
				expect(fitsCase(l, i, 'a')).toBe(true);
				expect(fitsCase(l, i, 'b')).toBe(false);
				expect(fitsCase(l, i, null)).toBe(true);
			}
			for (const i of b) expect([fitsCase(l, i, 'a'), fitsCase(l, i, 'b')]).toEqual([false, true]);
			expect(fitsCase(l, -1, 'b')).toBe(true);
		}
	});

	it('names the criteria answered in the other case, and nothing else', () => {
		const b8 = leaf('8').options.findIndex((o) => o.case === 'b');
		const a15 = leaf('15').options.findIndex((o) => o.case === 'a');
		const choices = { '8': b8, '15': a15, '1': 0, '9': -1 };
		expect(outsideCase(tourism, choices, 'a')).toEqual(['8']);
		expect(outsideCase(tourism, choices, 'b')).toEqual(['15']);
		expect(outsideCase(tourism, choices, null)).toEqual([]);
	});

	it('keeps a card to one case even when the dossier states none', () => {
		const b8 = leaf('8').options.findIndex((o) => o.case === 'b');
		const a15 = leaf('15').options.findIndex((o) => o.case === 'a');
		const choices = { '15': a15, '8': b8, '9': -1 };
		// The card's case is its first case answer in form order (8 before 15).
		expect(cardCase(tourism, choices, null)).toBe('b');
		expect(caseConflicts(tourism, choices, null)).toEqual(['15']);
		expect(caseConflicts(tourism, choices, 'a')).toEqual(['8']);
		expect(caseConflicts(tourism, { '8': b8, '9': -1 }, null)).toEqual([]);
		expect(cardCase(tourism, { '9': -1 }, null)).toBeNull();
	});
});
