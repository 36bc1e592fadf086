import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/lib/i18n/messages';
import { translator } from '../../src/lib/i18n';
import { makeTranslator } from '../../src/lib/i18n/make-translator';

function keys(obj: object, prefix = ''): string[] {
	return Object.entries(obj).flatMap(([k, v]) =>
		v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
	);
}

describe('messages', () => {
	it('have the same keys in Vietnamese and English', () => {
		expect(keys(en).sort()).toEqual(keys(vi).sort());
	});

	it('say "none met" without its points, which the scorecard prints beside every choice', () => {
		// The option list shows "Không đạt tiêu chí nào" then "0 điểm"; the words carried
		// "(0 điểm)" too. The self-claim line adds the points itself (criterion-field.svelte).
		expect(translator('vi')('scoring.card.noneMet')).toBe('Không đạt tiêu chí nào');
		expect(translator('en')('scoring.card.noneMet')).toBe('None met');
	});

	it('say "1 point" in English, not "1 points"', () => {
		const [e, v] = [translator('en'), translator('vi')];
		expect(e('scoring.card.points', { points: 1 })).toBe('1 point');
		expect(e('scoring.card.points', { points: 0 })).toBe('0 points');
		expect(e('scoring.card.points', { points: 3 })).toBe('3 points');
		expect(e('scoring.card.max', { max: 1 })).toBe('max 1 point');
		expect(e('dossier.view.points', { points: 1 })).toBe('1 point');
		expect(e('results.points', { value: 1 })).toBe('1 point');
		expect(v('scoring.card.points', { points: 1 })).toBe('1 điểm');
		expect(e('results.decisions.daysLeft', { count: 1 })).toBe('1 day left');
		expect(e('notifications.kinds.resultPublished.body', { stars: 1 })).toBe('Result: 1 star.');
		// The one form is taken only for a single number that is 1.
		const t = makeTranslator('en', { en: { k: '{{a}} and {{b}}', k_one: 'one' } });
		expect(t('k', { a: 1, b: 2 })).toBe('1 and 2');
		expect(t('k', { a: 1, b: 'x' })).toBe('one');
	});

	it('translate with interpolation in both languages', () => {
		expect(translator('vi')('login.locked', { minutes: 15 })).toBe(
			'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.'
		);
		expect(translator('en')('login.locked', { minutes: 15 })).toContain('15 minutes');
	});

	it('answers each key, value and language for itself when asked again', () => {
		const vi = translator('vi');
		const en = translator('en');
		for (let round = 0; round < 2; round++) {
			expect(vi('results.memberN', { n: 1 })).toBe('Thành viên 1');
			expect(vi('results.memberN', { n: 2 })).toBe('Thành viên 2');
			expect(vi('results.memberN', { n: '2' })).toBe('Thành viên 2');
			expect(en('results.memberN', { n: 2 })).toBe('Member 2');
			expect(en('login.locked', { minutes: 15 })).toContain('15 minutes');
			expect(en('login.locked', { minutes: 30 })).toContain('30 minutes');
			// Extra values that the message does not name change nothing.
			expect(vi('results.memberN', { n: 3, nested: { a: 1 } })).toBe('Thành viên 3');
		}
	});

	it('follows the rules the messages were written for: fallback, placeholders, missing keys', () => {
		const t = makeTranslator('en', {
			vi: { a: { only: 'chỉ tiếng Việt', both: 'cả hai' }, n: 'Số {{n}} và {{ m }}' },
			en: { a: { both: 'both' }, n: 'No. {{n}} and {{ m }}', obj: { x: 'x' } }
		});
		expect(t('a.both')).toBe('both');
		// A key English lacks comes in Vietnamese; one neither has comes back as itself.
		expect(t('a.only')).toBe('chỉ tiếng Việt');
		expect(t('a.none')).toBe('a.none');
		// A subtree is not a message.
		expect(t('obj')).toBe('obj');
		expect(t('n', { n: 3, m: '<b>' })).toBe('No. 3 and <b>');
		expect(t('n', { n: 0, m: null })).toBe('No. 0 and ');
		// A value not given leaves its placeholder as written (the way to see it is missing).
		expect(t('n', { n: 1 })).toBe('No. 1 and {{ m }}');
		expect(t('n')).toBe('No. {{n}} and {{ m }}');
		// Only the values' own names count, not what every object inherits.
		const inherited = makeTranslator('vi', { vi: { k: '{{toString}}|{{constructor}}' } });
		expect(inherited('k', {})).toBe('{{toString}}|{{constructor}}');
		// Inherited names and paths through a message are not keys either.
		expect(t('__proto__')).toBe('__proto__');
		expect(t('a.constructor')).toBe('a.constructor');
		expect(t('a.both.length')).toBe('a.both.length');
		expect(t('')).toBe('');
		// Asked again, the same answers (the lookup is remembered).
		expect(t('a.only')).toBe('chỉ tiếng Việt');
		expect(t('a.none')).toBe('a.none');
		// Vietnamese alone: no fallback to anything else.
		expect(makeTranslator('vi', { vi: { k: 'v' }, en: { e: 'e' } })('e')).toBe('e');
	});
});
