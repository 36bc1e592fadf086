import { describe, expect, it } from 'vitest';
import { hasControlChars } from '../../src/lib/domain/plain-text';

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
		const controls = [
			...Array.from({ length: 0x20 }, (_, i) => i),
			...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
			0x202a,
			0x202e,
			0x2066,
			0x2069
		];
		const missed = controls.filter((c) => !hasControlChars(`a${String.fromCharCode(c)}b`));
		expect(missed.map((c) => c.toString(16))).toEqual([]);
	});
});
