import { describe, expect, it } from 'vitest';
import {
	decodeUtf8,
	findDuplicateKey,
	parseStrictJson
} from '../../src/lib/server/cli/strict-json';

describe('parseStrictJson', () => {
	it('reads what JSON.parse reads when no object repeats a key', () => {
		const texts = [
			'{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}',
			'[{"x":1},{"x":1}]',
			'"plain"',
			' 12.5e3 ',
			'{"s":"a \\" quote, a } brace and a \\\\","t":"\\"k\\":1"}',
			'{"":1,"k":[[],{},[{}]],"__proto__":null}'
		];
		for (const text of texts)
			expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
	});

	it('refuses a repeated key at any depth, with the path of the second one', () => {
		const table: [string, string, string][] = [
			['{"rubric":"qd26-2026/7","level":"province","rubric":"qd26-2026/8"}', 'rubric', 'rubric'],
			[
				'{"scorecards":[{"choices":{"1.1":0}},{"choices":{"1.1":0,"1.1":2}}]}',
				'1.1',
				'scorecards[1].choices["1.1"]'
			],
			['{"council":{"members":9,"present":8,"members":10}}', 'members', 'council.members'],
			// The same key written two ways is the same key.
			['{"a":{"1.1":0,"\\u0031.1":1}}', '1.1', 'a["1.1"]'],
			['[[{"k":1,"j":{"k":2},"k":3}]]', 'k', '[0][0].k'],
			['{"":1,"":2}', '', '[""]'],
			['{"a\\"b\\\\":1,"x":"\\\\","a\\"b\\\\":2}', 'a"b\\', '["a\\"b\\\\"]']
		];
		for (const [text, key, path] of table)
			expect(parseStrictJson(text), text).toEqual({
				ok: false,
				path,
				message: `duplicate key ${JSON.stringify(key)}: each key may appear once in an object`
			});
	});

	it('reports invalid and empty JSON with the parser’s reason', () => {
		expect(parseStrictJson('{"a":')).toMatchObject({
			ok: false,
			path: '',
			message: expect.stringMatching(/^invalid JSON: /)
		});
		expect(parseStrictJson('  \n')).toEqual({
			ok: false,
			path: '',
			message: 'invalid JSON: the input is empty'
		});
	});

	it('walks any depth JSON.parse takes without recursion', () => {
		const deep = '['.repeat(100_000) + '{"k":1,"k":2}' + ']'.repeat(100_000);
		expect(findDuplicateKey(deep)?.path).toMatch(/^(\[0\]){100000}\.k$/);
	});
});

describe('decodeUtf8', () => {
	it('decodes UTF-8 and drops a leading BOM', () => {
		const bytes = new TextEncoder().encode('\uFEFF{"member":"Nguyễn"}');
		expect(decodeUtf8(bytes)).toBe('{"member":"Nguyễn"}');
	});

	it('refuses bytes that are not UTF-8 instead of substituting U+FFFD', () => {
		expect(decodeUtf8(Uint8Array.from([0x7b, 0xff, 0x7d]))).toBeNull();
		expect(decodeUtf8(Uint8Array.from([0x22, 0xc3, 0x22]))).toBeNull(); // a cut sequence
		expect(decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull(); // a lone surrogate
	});
});
