// The compile hint on the browser's files (server/vite-compile-hints.js): on what every page runs
// as it loads, the entries, the route nodes and what they import, and on nothing only an
// import() reaches.
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, filesRunOnLoad } from '../../server/vite-compile-hints.js';

type File =
	| { type: 'chunk'; fileName: string; code: string; imports: string[]; dynamicImports: string[] }
	| { type: 'asset'; fileName: string; source: string };

const chunk = (fileName: string, imports: string[] = [], dynamicImports: string[] = []): File => ({
	type: 'chunk',
	fileName,
	code: `export const name = ${JSON.stringify(fileName)};`,
	imports,
	dynamicImports
});
const I = '_app/immutable';
const sourceMap = JSON.stringify({
	version: 3,
	sources: ['a.ts'],
	names: [],
	mappings: 'AAAA;AACA'
});

/** A client bundle shaped like SvelteKit's: two entries, a layout and two pages. */
function clientBundle(): Record<string, File> {
	const files: File[] = [
		chunk(`${I}/entry/start.js`, [`${I}/chunks/kit.js`]),
		chunk(`${I}/entry/app.js`, [`${I}/chunks/svelte.js`], [`${I}/nodes/0.js`, `${I}/nodes/2.js`]),
		chunk(`${I}/chunks/kit.js`, [`${I}/chunks/svelte.js`]),
		chunk(`${I}/chunks/svelte.js`),
		chunk(`${I}/nodes/0.js`, [`${I}/chunks/layout.js`]),
		// Two chunks importing each other: a cycle is walked once.
		chunk(`${I}/chunks/layout.js`, [`${I}/chunks/header.js`]),
		chunk(`${I}/chunks/header.js`, [`${I}/chunks/layout.js`]),
		// The scorecard: its page, and the live parts behind an import().
		chunk(`${I}/nodes/2.js`, [`${I}/chunks/card.js`]),
		chunk(`${I}/chunks/card.js`, [`${I}/chunks/svelte.js`], [`${I}/chunks/yjs-doc.js`]),
		chunk(`${I}/chunks/yjs-doc.js`, [`${I}/chunks/yjs.js`]),
		chunk(`${I}/chunks/yjs.js`),
		chunk(`${I}/chunks/messages-en.js`),
		{ type: 'asset', fileName: `${I}/assets/0.css`, source: 'body{}' },
		// Source maps (build.sourcemap), of a file run on load and of one that is not.
		{ type: 'asset', fileName: `${I}/nodes/2.js.map`, source: sourceMap },
		{ type: 'asset', fileName: `${I}/chunks/yjs.js.map`, source: sourceMap }
	];
	return Object.fromEntries(files.map((f) => [f.fileName, f]));
}

describe('compile hints', () => {
	it('finds what a page runs as it loads, through every static import, and nothing else', () => {
		const found = [...filesRunOnLoad(clientBundle())].sort();
		expect(found).toEqual(
			[
				'entry/app.js',
				'entry/start.js',
				'chunks/kit.js',
				'chunks/svelte.js',
				'nodes/0.js',
				'chunks/layout.js',
				'chunks/header.js',
				'nodes/2.js',
				'chunks/card.js'
			]
				.map((f) => `${I}/${f}`)
				.sort()
		);
	});

	it('puts the hint first in those files, once, and leaves the rest as they were', () => {
		const bundle = clientBundle();
		const before = structuredClone(bundle);
		const plugin = compileHints();
		const hook = plugin.generateBundle as {
			order: string;
			handler: (o: unknown, b: Record<string, File>) => void;
		};
		// Last: Vite writes a table of the dynamic imports at the top of a file in this hook.
		expect([hook.order, plugin.enforce]).toEqual(['post', 'post']);
		const generate = hook.handler;
		generate({}, bundle);
		// A second pass (a plugin run twice) does not stack a second hint.
		generate({}, bundle);
		const hinted = filesRunOnLoad(before);
		for (const [name, file] of Object.entries(bundle)) {
			const was = before[name];
			if (file.type === 'asset') {
				// The map of a hinted file: its lines start one further down, nothing else moves.
				const mapOf = name.endsWith('.js.map') && hinted.has(name.slice(0, -'.map'.length));
				if (!mapOf) expect(file).toEqual(was);
				else
					expect(JSON.parse(file.source)).toEqual({
						...JSON.parse(sourceMap),
						mappings: ';AAAA;AACA'
					});
				continue;
			}
			const code = (was as { code: string }).code;
			expect(file.code, name).toBe(hinted.has(name) ? COMPILE_HINT + code : code);
		}
		expect(plugin.apply).toBe('build');
	});

	it('leaves the server build alone: its files are not the browser’s', () => {
		const bundle = Object.fromEntries(
			[
				chunk('entries/pages/_page.svelte.js', ['chunks/internal.js']),
				chunk('chunks/internal.js'),
				chunk('nodes/0.js', ['chunks/internal.js'])
			].map((f) => [f.fileName, f])
		);
		expect(filesRunOnLoad(bundle).size).toBe(0);
	});
});
