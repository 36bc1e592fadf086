/**
 * Every surface the server exposes, discovered from the source rather than listed by hand, so a
 * new page, form action, endpoint or socket command cannot slip past the authorisation matrix
 * and the malformed-input tests: they compare their registries with this list.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CLIENT_COMMANDS } from '../../src/lib/protocol/commands';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSurface {
	/** `page`: a page load; `action`: a form action; `endpoint`: a +server.ts method. */
	kind: 'page' | 'action' | 'endpoint';
	/** The SvelteKit route id, e.g. `/office/councils/[id]`. */
	route: string;
	method: HttpMethod;
	/** For actions: the action's name (`default` for a default action). */
	action?: string;
	/** A stable key used by the registries: `page /x`, `action /x ?/name`, `endpoint GET /x`. */
	key: string;
}

const ROUTES_DIR = join(process.cwd(), 'src', 'routes');

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

function routeIdOf(file: string): string {
	const dir = relative(ROUTES_DIR, file).split(sep).slice(0, -1);
	return '/' + dir.filter((part) => !/^\(.*\)$/.test(part)).join('/');
}

/** Names of the keys of `export const actions = { ... }` (one tab deep, as Prettier writes it). */
export function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b/);
	if (start < 0) return [];
	const body = source.slice(start);
	const end = body.search(/\n\};?\s*(\n|$)/);
	const block = end < 0 ? body : body.slice(0, end);
	const names = [...block.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\()/gm)].map(
		(m) => m[1]
	);
	return [...new Set(names)];
}

export function endpointMethods(source: string): HttpMethod[] {
	const re = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;
	return [...new Set([...source.matchAll(re)].map((m) => m[1] as HttpMethod))];
}

export function routeSurfaces(): RouteSurface[] {
	const out: RouteSurface[] = [];
	for (const file of walk(ROUTES_DIR).sort()) {
		const route = routeIdOf(file);
		const base = file.split(sep).at(-1)!;
		const source = base.startsWith('+') && base.endsWith('.ts') ? readFileSync(file, 'utf8') : '';
		// A page is anything GET can load: a component, or a server load alone (e.g. a redirect).
		const hasComponent = existsSync(join(file, '..', '+page.svelte'));
		if (
			base === '+page.svelte' ||
			(base === '+page.server.ts' && !hasComponent && /export const load\b/.test(source))
		)
			out.push({ kind: 'page', route, method: 'GET', key: `page ${route}` });
		if (base === '+page.server.ts')
			for (const action of actionNames(source))
				out.push({
					kind: 'action',
					route,
					method: 'POST',
					action,
					key: `action ${route} ?/${action}`
				});
		if (base === '+server.ts')
			for (const method of endpointMethods(source))
				out.push({ kind: 'endpoint', route, method, key: `endpoint ${method} ${route}` });
	}
	return out;
}

/**
 * What server/ serves beside SvelteKit: its own http routes, socket.io commands (the LiveKit
 * token request is one of them) and the Yjs document patterns.
 */
export function realtimeSurfaces(): string[] {
	return [
		'server GET /healthz',
		'server POST /livekit/webhook',
		...CLIENT_COMMANDS.map((c) => `socket ${c}`),
		...yjsDocKinds().flatMap((kind) =>
			kind === 'card'
				? ['yjs card/<itemId>/<own userId>', 'yjs card/<itemId>/<other userId>']
				: [`yjs ${kind}/<itemId>`]
		)
	];
}

/**
 * The Yjs name patterns the endpoint serves, one per `<kind>DocName` builder of the protocol
 * (card, notes, board, …), so a new pattern cannot be served without an entry in the matrix.
 */
export function yjsDocKinds(): string[] {
	const source = readFileSync(join(process.cwd(), 'src', 'lib', 'protocol', 'yjs-docs.ts'), 'utf8');
	return [...source.matchAll(/export function ([a-z]+)DocName\(itemId\b/g)].map((m) => m[1]);
}

export function allSurfaceKeys(): string[] {
	return [...routeSurfaces().map((s) => s.key), ...realtimeSurfaces()];
}
