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
});
