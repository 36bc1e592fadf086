// Defence in depth for the areas of access.ts: every load, form action and endpoint of a
// protected area calls requireArea() itself, so a hook that matches the wrong spelling of a
// path (it once did: `/%61dmin/users`) no longer opens the data. Found by reading the route
// files' syntax, so a new handler without the call fails here before it ships.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AREAS, accessFor, routedPath } from '../../src/lib/server/access';
import { requireArea } from '../../src/lib/server/require-area';
import type { SessionUser } from '../../src/lib/server/auth/session';

const ROUTES = join(process.cwd(), 'src', 'routes');
const SERVER_FILES = new Set(['+page.server.ts', '+layout.server.ts', '+server.ts']);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);

const walk = (dir: string): string[] =>
	readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});

const routeIdOf = (dir: string) =>
	'/' +
	relative(ROUTES, dir)
		.split(sep)
		.filter((p) => p && !/^\(.*\)$/.test(p))
		.join('/');

const isProtected = (id: string) =>
	AREAS.some((a) => id === a.prefix || id.startsWith(a.prefix + '/'));

/** Each exported handler of a server route file, by name, with its syntax node. */
function handlersOf(source: ts.SourceFile): { name: string; node: ts.Node }[] {
	const out: { name: string; node: ts.Node }[] = [];
	const exported = (n: ts.Node) =>
		ts.canHaveModifiers(n) &&
		(ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
	for (const st of source.statements) {
		if (ts.isFunctionDeclaration(st) && exported(st) && st.name)
			out.push({ name: st.name.text, node: st });
		if (!ts.isVariableStatement(st) || !exported(st)) continue;
		for (const d of st.declarationList.declarations) {
			if (!ts.isIdentifier(d.name) || !d.initializer) continue;
			const name = d.name.text;
			let init: ts.Expression = d.initializer;
			while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
			if (name === 'actions' && ts.isObjectLiteralExpression(init)) {
				for (const p of init.properties)
					out.push({ name: `actions.${p.name?.getText(source) ?? '?'}`, node: p });
			} else if (name === 'load' || METHODS.has(name)) out.push({ name, node: init });
		}
	}
	return out;
}

/** The guards this file imports from require-area.ts (a local look-alike does not count). */
function importedGuards(source: ts.SourceFile): string[] {
	const names: string[] = [];
	for (const st of source.statements) {
		if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
		if (!/require-area$/.test(st.moduleSpecifier.text)) continue;
		const bound = st.importClause?.namedBindings;
		if (bound && ts.isNamedImports(bound))
			for (const el of bound.elements)
				if (['requireArea', 'guarded'].includes((el.propertyName ?? el.name).text))
					names.push(el.name.text);
	}
	return names;
}

/** Names of the guards and of this file's own functions that (through another) call one. */
function guardedHelpers(source: ts.SourceFile): Set<string> {
	const helpers = new Map<string, ts.Node>();
	for (const st of source.statements) {
		if (ts.isFunctionDeclaration(st) && st.name) helpers.set(st.name.text, st);
		if (ts.isVariableStatement(st))
			for (const d of st.declarationList.declarations)
				if (ts.isIdentifier(d.name) && d.initializer) helpers.set(d.name.text, d.initializer);
	}
	const guarded = new Set<string>(importedGuards(source));
	for (let grew = true; grew;) {
		grew = false;
		for (const [name, node] of helpers)
			if (!guarded.has(name) && callsAny(node, guarded)) {
				guarded.add(name);
				grew = true;
			}
	}
	return guarded;
}

function callsAny(node: ts.Node, names: Set<string>): boolean {
	let found = false;
	const visit = (n: ts.Node) => {
		if (found) return;
		if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text))
			found = true;
		else ts.forEachChild(n, visit);
	};
	visit(node);
	return found;
}

/** Problems of the protected areas: handlers without the call, pages without a server load. */
function unguarded(): string[] {
	const problems: string[] = [];
	for (const file of walk(ROUTES)) {
		const base = file.split(sep).at(-1)!;
		const id = routeIdOf(dirname(file));
		if (!isProtected(id)) continue;
		if (base === '+page.svelte' && !existsSync(join(dirname(file), '+page.server.ts')))
			problems.push(`${id}: a page with no +page.server.ts load to guard it`);
		if (!SERVER_FILES.has(base)) continue;
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
		const guarded = guardedHelpers(source);
		const handlers = handlersOf(source);
		if (base === '+page.server.ts' && !handlers.some((h) => h.name === 'load'))
			problems.push(`${id}/${base}: no load (the page itself is not guarded)`);
		for (const h of handlers)
			if (!callsAny(h.node, guarded)) problems.push(`${id}/${base}: ${h.name} lacks requireArea`);
	}
	return problems;
}

describe('every handler of a protected area guards itself', () => {
	it('finds the protected route files (the scan is not empty)', () => {
		const files = walk(ROUTES).filter(
			(f) => SERVER_FILES.has(f.split(sep).at(-1)!) && isProtected(routeIdOf(dirname(f)))
		);
		expect(files.length).toBeGreaterThan(30);
	});

	it('calls requireArea in each load, action and endpoint', () => {
		expect(unguarded()).toEqual([]);
	});

	it('spots a handler that lacks the call, and one guarded through a helper', () => {
		const parse = (code: string) => ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
		const src = parse(`
import { requireArea } from '$lib/server/require-area';
function act(e) { requireArea(e); return 1; }
export const load = (e) => ({ a: 1 });
export const actions = { a: (e) => act(e), b: async (e) => { requireArea(e); }, c: (e) => 2 };
export async function GET(e) { return new Response(''); }`);
		const guarded = guardedHelpers(src);
		const bad = handlersOf(src)
			.filter((h) => !callsAny(h.node, guarded))
			.map((h) => h.name);
		expect(bad).toEqual(['load', 'actions.c', 'GET']);
	});
});

describe('requireArea', () => {
	const user = (role: SessionUser['role']) => ({ id: 'u', role }) as SessionUser;
	const event = (routeId: string, who: SessionUser | null, path = routeId) => ({
		locals: { user: who, locale: 'vi' as const },
		route: { id: routeId },
		url: new URL(`http://x${path}`)
	});
	const outcome = (f: () => unknown) => {
		try {
			f();
			return 'allowed';
		} catch (e) {
			if (e instanceof Error) return e;
			const r = e as { status?: number; location?: string };
			return r.location ?? r.status;
		}
	};

	it('judges by the route id, whatever the URL spelled', () => {
		const u = event('/admin/users', user('producer'), '/%61dmin/users');
		expect(outcome(() => requireArea(u))).toBe(403);
		expect(outcome(() => requireArea(event('/admin/users', user('admin'))))).toBe('allowed');
		expect(outcome(() => requireArea(event('/office/audit', null, '/%6Fffice/audit')))).toBe(
			'/login?next=%2F%256Fffice%2Faudit'
		);
		expect(outcome(() => requireArea(event('/results', user('admin'))))).toBeInstanceOf(Error);
	});
});

describe('the path the hook judges', () => {
	it('is the route id when SvelteKit matched one, groups dropped', () => {
		expect(routedPath('/admin/users', '/%61dmin/users')).toBe('/admin/users');
		expect(routedPath('/(app)/office/[id]', '/%6Fffice/x')).toBe('/office/[id]');
		expect(accessFor(routedPath('/admin/users', '/%61dmin/users'), null)).toBe('login');
	});

	it('without a route, the path decoded and normalised as the router reads it', () => {
		expect(routedPath(null, '/%61dmin/nowhere')).toBe('/admin/nowhere');
		expect(routedPath(null, '//office/./x/../audit;p=1/')).toBe('/office/audit');
		expect(routedPath(null, '/%2561dmin')).toBe('/%2561dmin');
		expect(accessFor(routedPath(null, '/%6Fffice//nowhere'), 'producer')).toBe('forbidden');
	});
});
