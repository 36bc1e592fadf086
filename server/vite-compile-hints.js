/** V8's explicit compile hint: every function of the file is compiled as the file is (Chrome 136+). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** Where a page's load starts: SvelteKit's two entries and the route nodes (layouts, pages). */
const LOAD_ROOTS = /(^|\/)_app\/immutable\/(entry|nodes)\/[^/]+\.js$/;

/**
 * The browser's files a page runs as it loads: the entries, the route nodes, and every chunk
 * they import statically, at any depth. What only an `import()` reaches (the Yjs document, the
 * video, the socket, the other language's messages) is left out: it loads later, and only part of
 * it runs then.
 * @param {Record<string, { type: string, fileName: string, imports?: string[] }>} bundle
 * @returns {Set<string>} file names
 */
export function filesRunOnLoad(bundle) {
	const found = new Set();
	const stack = Object.values(bundle)
		.filter((f) => f.type === 'chunk' && LOAD_ROOTS.test(f.fileName))
		.map((f) => f.fileName);
	while (stack.length > 0) {
		const name = /** @type {string} */ (stack.pop());
		if (found.has(name)) continue;
		const file = bundle[name];
		if (!file || file.type !== 'chunk') continue;
		found.add(name);
		stack.push(...(file.imports ?? []));
	}
	return found;
}

/**
 * Marks the browser's files that run as a page loads with V8's compile hint, so that their
 * functions are compiled on a background thread while the file streams in, not one by one on
 * the page's only thread the first time each is called, as the hydration does for hundreds of
 * them. Scorecard, ten loads each, builds alternating: main-thread work after the first paint
 * median 429 ms against 472 (BENCHMARKS.md, "What moved the numbers" 16). Browsers without the
 * hint read a comment. The files keep their names (hashed before this hook): the hint is the
 * same in every build, so one name still means one program.
 * @returns {import('vite').Plugin}
 */
export function compileHints() {
	return {
		name: 'ocop-compile-hints',
		apply: 'build',
		enforce: 'post',
		generateBundle: {
			// After Vite's own: it puts the table of a file's dynamic imports (`__vite__mapDeps`) at
			// the file's top in this hook, and V8 reads the hint only on the file's first line.
			order: 'post',
			handler(_options, bundle) {
				for (const name of filesRunOnLoad(bundle)) {
					const chunk = bundle[name];
					if (chunk.type !== 'chunk' || chunk.code.startsWith(COMPILE_HINT)) continue;
					chunk.code = COMPILE_HINT + chunk.code;
					// A source map (build.sourcemap) starts its lines one further down.
					const map = bundle[`${name}.map`];
					if (map?.type === 'asset') {
						const json = JSON.parse(String(map.source));
						json.mappings = `;${json.mappings}`;
						map.source = JSON.stringify(json);
					}
				}
			}
		}
	};
}
