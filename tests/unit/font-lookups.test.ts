import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// At a page's first layout each font the text needs (a family at a weight) is looked up, and on
// Linux each lookup is a synchronous call from the page to the browser process: with a third
// weight and the symbol families at the end of the list, the scorecard's first layout in a fresh
// browser made 37 lookups and took 107 ms here, against 20 and 61 ms (src/app.css). These keep
// the page from drifting back: two weights, and the symbol families before any absent family.

function* sources(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* sources(path);
		else if (/\.(svelte|css)$/.test(entry.name)) yield path;
	}
}

/** The font weights a CSS text declares (`font-weight`, or the weight of a `font` shorthand). */
function declaredWeights(css: string): string[] {
	const weights: string[] = [];
	for (const m of css.matchAll(/(?<![-\w])font-weight\s*:\s*([^;}"']+)/g))
		weights.push(m[1].trim());
	for (const m of css.matchAll(/(?<![-\w])font\s*:\s*([^;}"']+)/g)) {
		const weight = m[1].match(/\b(\d{3}|bold|bolder|lighter)\b/);
		if (weight) weights.push(weight[1]);
	}
	return weights;
}

const ALLOWED = new Set(['400', '700', 'normal', 'bold', 'inherit']);

/** The font sizes a CSS text declares (`font-size`). */
function declaredSizes(css: string): string[] {
	return [...css.matchAll(/(?<![-\w])font-size\s*:\s*([^;}"']+)/g)].map((m) => m[1].trim());
}

/** The scale's steps, as `src/app.css` defines them (`--text-sm: 0.875rem;` …). */
function scale(): Map<string, string> {
	const css = readFileSync('src/app.css', 'utf8');
	return new Map([...css.matchAll(/(--text-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2]]));
}

/** Characters the text font here (Noto Sans) lacks and that no symbol family holds either: each
 * sends the first layout through every absent family of the list (four lookups) to a fallback. */
const OFF_THE_LIST = /[\u2190-\u21ff]/;

describe('the fonts a page needs at its first layout', () => {
	it('reads the weights a stylesheet declares', () => {
		expect(declaredWeights('a{font-weight: 600;} b{font:italic 500 1rem/1.2 sans-serif}')).toEqual([
			'600',
			'500'
		]);
		expect(
			declaredWeights('a{font-weight:700} .x{font-size:1rem;font-variant-numeric:tabular-nums}')
		).toEqual(['700']);
	});

	it('uses two weights, regular and bold, in every stylesheet and component', () => {
		const strays: string[] = [];
		for (const file of sources('src'))
			for (const w of declaredWeights(readFileSync(file, 'utf8')))
				if (!ALLOWED.has(w)) strays.push(`${file}: font-weight ${w}`);
		expect(strays).toEqual([]);
	});

	it('sizes text only on the scale, in rem', () => {
		const steps = scale();
		expect([...steps.keys()]).toEqual([
			'--text-sm',
			'--text-md',
			'--text-lg',
			'--text-xl',
			'--text-2xl'
		]);
		for (const value of steps.values()) expect(value).toMatch(/^\d+(\.\d+)?rem$/);
		expect(declaredSizes('a{font-size: 0.85rem} b{font-size:var(--text-sm);}')).toEqual([
			'0.85rem',
			'var(--text-sm)'
		]);
		const strays: string[] = [];
		for (const file of sources('src')) {
			for (const size of declaredSizes(readFileSync(file, 'utf8'))) {
				const step = size.match(/^var\((--text-[\w-]+)\)$/)?.[1];
				if (size !== 'inherit' && !(step && steps.has(step)))
					strays.push(`${file}: font-size ${size}`);
			}
		}
		expect(strays).toEqual([]);
	});

	it('keeps the arrows the text font lacks out of the interface', () => {
		expect(OFF_THE_LIST.test('← Phiên họp')).toBe(true);
		expect(OFF_THE_LIST.test('‹ Phiên họp')).toBe(false);
		const strays: string[] = [];
		const files = [...sources('src')];
		for (const dir of ['src/lib/i18n/messages'])
			for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
				if (entry.isFile() && entry.name.endsWith('.json'))
					files.push(join(entry.parentPath, entry.name));
		for (const file of files) {
			const text = readFileSync(file, 'utf8')
				// Comments may say "a → b"; a page does not show them.
				.replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
			for (const [i, line] of text.split('\n').entries())
				if (OFF_THE_LIST.test(line)) strays.push(`${file}:${i + 1}: ${line.trim()}`);
		}
		expect(strays).toEqual([]);
	});

	it('names the symbol families straight after the first text font', () => {
		const css = readFileSync('src/app.css', 'utf8');
		const stack = css
			.match(/:root\s*{[^}]*?font-family:\s*([^;]+);/)![1]
			.split(',')
			.map((f) => f.trim().replace(/^'|'$/g, ''));
		expect(stack[0]).toBe('Noto Sans');
		const firstSymbols = stack.indexOf('Noto Sans Symbols2');
		const firstAbsentHere = Math.min(
			...['Segoe UI', 'Roboto', 'Arial'].map((f) => stack.indexOf(f)).filter((i) => i >= 0)
		);
		expect(firstSymbols).toBe(1);
		expect(firstSymbols).toBeLessThan(firstAbsentHere);
		// A fallback with letters of its own stays behind the text fonts.
		expect(stack.indexOf('DejaVu Sans')).toBeGreaterThan(stack.indexOf('Arial'));
		expect(stack.indexOf('Segoe UI Symbol')).toBeGreaterThan(stack.indexOf('Segoe UI'));
		expect(stack.at(-1)).toBe('sans-serif');
	});
});
