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
