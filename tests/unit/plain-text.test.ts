import { describe, expect, it } from 'vitest';
import { hasControlChars, hasControlCharsInText } from '../../src/lib/domain/plain-text';

/** Every C0 and C1 control, DEL and the bidi overrides and isolates (U+202A–E, U+2066–9). */
const CONTROLS = [
	...Array.from({ length: 0x20 }, (_, i) => i),
	...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
	...Array.from({ length: 5 }, (_, i) => 0x202a + i),
	...Array.from({ length: 4 }, (_, i) => 0x2066 + i)
];
const missedBy = (check: (s: string) => boolean, codes: number[]) =>
	codes.filter((c) => !check(`a${String.fromCharCode(c)}b`)).map((c) => c.toString(16));

describe('hasControlChars', () => {
	it('accepts Vietnamese, punctuation, emoji and ordinary spaces', () => {
		for (const ok of [
			'Hợp tác xã Trà Đắk Lắk',
			'Bà Nguyễn Thị Ánh (Chủ tịch)',
			'Sản phẩm #1 🙂',
			'A & B – C'
		])
			expect(hasControlChars(ok), ok).toBe(false);
	});

	it('finds every C0 and C1 control, DEL and the bidi overrides', () => {
		expect(missedBy(hasControlChars, CONTROLS)).toEqual([]);
	});
});

describe('hasControlCharsInText', () => {
	it('accepts several lines, tabs and the line breaks a browser sends (CR LF)', () => {
		for (const ok of [
			'Bao bì cần ghi rõ hạn dùng.\nNên bổ sung mã QR.',
			'Dòng 1\r\nDòng 2\r\n\tý thứ hai',
			'Người thân làm việc tại cơ sở'
		])
			expect(hasControlCharsInText(ok), JSON.stringify(ok)).toBe(false);
	});

	it('finds every other control and the bidi overrides and isolates', () => {
		const others = CONTROLS.filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d);
		expect(missedBy(hasControlCharsInText, others)).toEqual([]);
		expect(hasControlCharsInText('Nguyễn \u202EnăV')).toBe(true);
	});
});
