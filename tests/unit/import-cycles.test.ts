// No module of src/ or server/ reaches itself again through its imports. A cycle makes the
// order in which modules run decide whether a value exists yet (an import read before its
// module finished is undefined), and it makes a newcomer read every file of the loop at once.
//
// Counted: every import that is there at run time — `import x from`, `import { a } from`,
// `import './x'`, `export … from`, and `import()` with a literal path. Not counted: `import
// type …`, `export type … from`, and imports whose every name is marked `type` — TypeScript
// erases them, so they run nothing.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ROOTS = ['src', 'server'].map((d) => join(ROOT, d));
const EXTENSIONS = ['.ts', '.js', '.svelte.ts', '.svelte', '/index.ts', '/index.js'];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

function resolveImport(from: string, specifier: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = join(ROOT, 'src/lib', specifier.slice(5));
	else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
	else return null; // a package: outside the graph
	const candidates = [base, ...EXTENSIONS.map((ext) => base + ext)];
	if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'));
	return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
	if (ts.isExportDeclaration(node)) {
		if (node.isTypeOnly) return true;
		const clause = node.exportClause;
		return (
			!!clause &&
			ts.isNamedExports(clause) &&
			clause.elements.length > 0 &&
			clause.elements.every((e) => e.isTypeOnly)
		);
	}
	const clause = node.importClause;
	if (!clause) return false; // a bare import runs the module
	if (clause.isTypeOnly) return true;
	if (clause.name) return false;
	const bindings = clause.namedBindings;
	return (
		!!bindings &&
		ts.isNamedImports(bindings) &&
		bindings.elements.length > 0 &&
		bindings.elements.every((e) => e.isTypeOnly)
	);
}

/** Runtime imports of one file, resolved to files inside the graph. */
function runtimeImports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	// Static imports and re-exports are top-level statements: no need to walk every node.
	for (const node of source.statements) {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
			if (ts.isStringLiteral(node.moduleSpecifier) && !isTypeOnly(node))
				found.push(node.moduleSpecifier.text);
		}
	}
	for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]);
	return found.map((s) => resolveImport(file, s)).filter((p): p is string => p !== null);
}

/** Strongly connected components with more than one file (Tarjan), or a file importing itself. */
export function importCycles(files: string[]): string[][] {
	const graph = new Map(files.map((f) => [f, runtimeImports(f)]));
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	let next = 0;
	const strongConnect = (file: string) => {
		index.set(file, next);
		low.set(file, next++);
		stack.push(file);
		onStack.add(file);
		for (const target of graph.get(file) ?? []) {
			if (!graph.has(target)) continue;
			if (!index.has(target)) {
				strongConnect(target);
				low.set(file, Math.min(low.get(file)!, low.get(target)!));
			} else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
		}
		if (low.get(file) !== index.get(file)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== file);
		if (component.length > 1 || graph.get(file)!.includes(file)) cycles.push(component);
	};
	for (const file of graph.keys()) if (!index.has(file)) strongConnect(file);
	return cycles.map((c) => c.map((f) => relative(ROOT, f)).sort());
}

describe('import graph of src/ and server/', () => {
	it('has no cycle of runtime imports', { timeout: 30_000 }, () => {
		const cycles = importCycles(ROOTS.flatMap(sourceFiles));
		expect(cycles).toEqual([]);
	});

	it('sees a cycle when there is one (the checker itself can fail)', () => {
		const fixture = join(ROOT, 'tests/unit/support/import-cycle');
		expect(importCycles(sourceFiles(fixture)).map((c) => c.length)).toEqual([2]);
	});
});
