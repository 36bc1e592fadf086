// Every character the documents can print has a glyph in one of the embedded fonts: the
// scorecards (77 "≥" among them), the Vietnamese UI messages, the seed data and the documents'
// own wording. A character none of them has would print as an empty box; this lists it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLES, facesOf, printable, runs } from '../../src/lib/server/documents/fonts';

const root = join(import.meta.dirname, '../..');
const read = (dir: string, ext: string) =>
	readdirSync(join(root, dir))
		.filter((f) => f.endsWith(ext))
		.map((f) => readFileSync(join(root, dir, f), 'utf8'))
		.join('\n');

/** Every string inside a JSON value, so keys and punctuation of the format do not count. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

const SOURCES: Record<string, string> = {
	scorecards: strings(JSON.parse(read('src/lib/domain/rubrics/data', '.json'))).join('\n'),
	'vi messages': read('src/lib/i18n/messages/vi', '.json'),
	'seed data': read('src/lib/server/seed', '.ts'),
	'document wording': read('src/lib/server/documents', '.ts')
};

function charsOf(text: string): string[] {
	return [...new Set(printable(text))].filter((c) => !/\s/u.test(c));
}

describe('embedded fonts cover every character the documents use', () => {
	for (const [name, text] of Object.entries(SOURCES))
		it(`covers the ${name}`, () => {
			const chars = charsOf(text);
			expect(chars.length).toBeGreaterThan(50);
			for (const style of STYLES) {
				const missing = chars.filter((c) => !facesOf(style).some((f) => f.has(c.codePointAt(0)!)));
				expect(missing, `${style}: ${missing.join(' ')}`).toEqual([]);
			}
		});

	it('sets symbols the main font lacks in a fallback face, and never as "?"', () => {
		expect(SOURCES.scorecards.split('≥').length - 1).toBeGreaterThanOrEqual(77);
		const parts = runs('Độ ẩm ≥ 12% và ≤ 15% ★', 'regular');
		expect(parts.map((p) => p.text).join('')).toBe('Độ ẩm ≥ 12% và ≤ 15% ★');
		expect(parts[0].face).toBe(facesOf('regular')[0]);
		const symbolFaces = parts.filter((p) => /[≥≤★]/u.test(p.text)).map((p) => p.face);
		expect(symbolFaces.length).toBeGreaterThan(0);
		expect(symbolFaces).not.toContain(facesOf('regular')[0]);
	});

	it('drops emoji and unprintable controls, keeps Vietnamese', () => {
		expect(printable('Rất tốt 👍🏽 sản phẩm 🇻🇳\u0007')).toBe('Rất tốt  sản phẩm ');
		expect(printable('Nước mắm ❤️ Bích Họa')).toBe('Nước mắm  Bích Họa');
		expect(
			runs('日本', 'regular')
				.map((p) => p.text)
				.join('')
		).toBe('??');
	});
});
