// Attributes whose value is a boolean or a number in a component go through Svelte's
// `set_attribute`, which, for any value that is not a string, first collects every property setter
// of the element's class (`get_setters`: Object.getOwnPropertyDescriptors up the prototype chain,
// HTMLElement's hundred-odd properties again for each tag). In the scorecard's hydration that was
// 2-6 ms of the phone's one thread in CPU profiles (a button's aria-expanded, the form's
// aria-busy, a textarea's maxlength), for attributes the browser stores as text anyway. So the
// ARIA states are written as strings. (Svelte's types require a number for maxlength, so a
// textarea's limit still costs that walk once.) This scans the components for a value that is
// not visibly a string.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? svelteFiles(join(dir, e.name))
			: e.name.endsWith('.svelte')
				? [join(dir, e.name)]
				: []
	);
}

/** ARIA states and properties that take true/false or a number. */
const ATTRIBUTE =
	/\s(aria-(?:expanded|pressed|busy|checked|selected|disabled|hidden|invalid|required|readonly|modal|atomic|level|setsize|posinset|colcount|rowcount))=\{([^}]*)\}/g;

/** A value that is a string whatever it evaluates to: quoted branches, String(...), undefined. */
function visiblyString(expr: string): boolean {
	const e = expr.trim();
	if (/^String\(.*\)$/.test(e)) return true;
	if (/^'[^']*'$/.test(e)) return true;
	// A condition choosing between quoted strings (or leaving the attribute out).
	const branches = e.match(/\?\s*([^:]+):\s*(.+)$/);
	return (
		branches !== null &&
		[branches[1], branches[2]].every((b) => /^('[^']*'|undefined|null)$/.test(b.trim()))
	);
}

describe('attributes Svelte sets as text', () => {
	const found = svelteFiles('src').flatMap((file) =>
		[...readFileSync(file, 'utf8').matchAll(ATTRIBUTE)].map((m) => ({
			file,
			attribute: m[1],
			value: m[2]
		}))
	);

	it('finds the attributes it checks (the scan reads the components)', () => {
		const names = new Set(found.map((f) => f.attribute));
		expect(names).toContain('aria-expanded');
		expect(names).toContain('aria-busy');
		expect(names).toContain('aria-pressed');
	});

	it('gives every ARIA state a string', () => {
		expect(found.filter((f) => !visiblyString(f.value))).toEqual([]);
	});

	it('tells a boolean or a number from a string', () => {
		expect(visiblyString('open')).toBe(false);
		expect(visiblyString('shown < leafTotal')).toBe(false);
		expect(visiblyString('max')).toBe(false);
		expect(visiblyString("open ? 'true' : 'false'")).toBe(true);
		expect(visiblyString("problem ? 'true' : undefined")).toBe(true);
		expect(visiblyString('String(max)')).toBe(true);
	});
});
