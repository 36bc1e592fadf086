// The message files as the browser gets them (server/vite-messages.js): JSON.parse of the file's
// own JSON, which must give exactly the file's messages; anything else is left to Vite.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messagesAsJsonParse } from '../../server/vite-messages.js';

const plugin = messagesAsJsonParse();
const load = (id: string) =>
	(plugin.load as (id: string) => { code: string; moduleType: string } | null)(id);
/** The module's default export, evaluated as the browser would. */
const evaluate = (code: string) => new Function(code.replace('export default', 'return'))();

const dir = mkdtempSync(join(tmpdir(), 'ocop-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('messages as JSON.parse', () => {
	it('gives every message file of both languages back unchanged', () => {
		for (const lang of ['vi', 'en']) {
			const base = resolve('src/lib/i18n/messages', lang);
			const files = readdirSync(base);
			expect(files.length, lang).toBeGreaterThan(5);
			for (const f of files) {
				const out = load(join(base, f));
				expect(out?.moduleType, f).toBe('js');
				expect(out!.code, f).toMatch(/^export default JSON\.parse\(".*"\);$/s);
				expect(evaluate(out!.code), f).toEqual(JSON.parse(readFileSync(join(base, f), 'utf8')));
			}
		}
	});

	it('keeps quotes, backslashes, line breaks and template marks of a message', () => {
		const area = join(dir, 'i18n', 'messages', 'vi');
		mkdirSync(area, { recursive: true });
		const messages = { a: 'Ông "A"\\ B\n`${x}` {{n}} </script>', b: { c: 'Đ' } };
		writeFileSync(join(area, 'odd.json'), JSON.stringify(messages));
		expect(evaluate(load(join(area, 'odd.json'))!.code)).toEqual(messages);
	});

	it('fails the build on a file that is not JSON', () => {
		const area = join(dir, 'i18n', 'messages', 'en');
		mkdirSync(area, { recursive: true });
		writeFileSync(join(area, 'broken.json'), '{ "a": "b", }');
		expect(() => load(join(area, 'broken.json'))).toThrow(SyntaxError);
	});

	it('leaves every other module to Vite', () => {
		expect(load(resolve('package.json'))).toBeNull();
		expect(load(resolve('src/lib/i18n/messages/vi.ts'))).toBeNull();
		expect(load(resolve('drizzle/meta/_journal.json'))).toBeNull();
	});
});
