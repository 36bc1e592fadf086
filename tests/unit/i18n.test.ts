import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/lib/i18n/messages';
import { translator } from '../../src/lib/i18n';

function keys(obj: object, prefix = ''): string[] {
	return Object.entries(obj).flatMap(([k, v]) =>
		v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
	);
}

describe('messages', () => {
	it('have the same keys in Vietnamese and English', () => {
		expect(keys(en).sort()).toEqual(keys(vi).sort());
	});

	it('translate with interpolation in both languages', () => {
		expect(translator('vi')('login.locked', { minutes: 15 })).toBe(
			'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.'
		);
		expect(translator('en')('login.locked', { minutes: 15 })).toContain('15 minutes');
	});

	it('answers each key, value and language for itself when asked again (answers are remembered)', () => {
		const vi = translator('vi');
		const en = translator('en');
		for (let round = 0; round < 2; round++) {
			expect(vi('results.memberN', { n: 1 })).toBe('Thành viên 1');
			expect(vi('results.memberN', { n: 2 })).toBe('Thành viên 2');
			expect(vi('results.memberN', { n: '2' })).toBe('Thành viên 2');
			expect(en('results.memberN', { n: 2 })).toBe('Member 2');
			expect(en('login.locked', { minutes: 15 })).toContain('15 minutes');
			expect(en('login.locked', { minutes: 30 })).toContain('30 minutes');
			// Options that are not plain values are asked every time, and still answered.
			expect(vi('results.memberN', { n: 3, nested: { a: 1 } })).toBe('Thành viên 3');
		}
	});
});
