import type { AccountRole } from '../domain/accounts';

export { HOME_OF } from '../domain/accounts';

/**
 * Which account kinds may enter each area. The hook checks this before any load runs; pages
 * still check what they touch (a council, a dossier) since an area is only the first gate.
 */
export const AREAS: { prefix: string; roles: readonly AccountRole[] }[] = [
	{ prefix: '/admin', roles: ['admin'] },
	{ prefix: '/office', roles: ['office', 'admin'] },
	{ prefix: '/member', roles: ['member'] },
	{ prefix: '/producer', roles: ['producer'] },
	{ prefix: '/commune', roles: ['commune'] },
	{ prefix: '/account', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/home', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/notifications', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	// Dossier read views and stored files: each request is then checked per dossier.
	{ prefix: '/dossiers', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/files', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	// Council documents that are never public; every account kind passes, so that the route's
	// refusal looks like a missing id (not-found.ts). The report is public once published.
	{ prefix: '/documents/minutes', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/documents/sheet', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/documents/notice', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	{ prefix: '/documents/forms', roles: ['admin', 'office', 'member', 'producer', 'commune'] },
	// The live sitting: each page then checks the council role or the producer's item.
	{ prefix: '/sittings', roles: ['office', 'member', 'producer'] }
];

function inArea(path: string, prefix: string): boolean {
	return path === prefix || path.startsWith(prefix + '/');
}

export type Access = 'public' | 'login' | 'forbidden' | 'allowed';

export function accessFor(path: string, role: AccountRole | null): Access {
	const area = AREAS.find((a) => inArea(path, a.prefix));
	if (!area) return 'public';
	if (!role) return 'login';
	return area.roles.includes(role) ? 'allowed' : 'forbidden';
}

/**
 * The path the areas are judged on: what SvelteKit routed (`/office/councils/[id]`, layout
 * groups dropped), never the raw pathname — `/%6Fffice/audit` reaches the office page but
 * does not start with `/office`. Without a route (a 404), the path decoded and normalised
 * as the router would see it; undecodable paths have been refused before.
 */
export function routedPath(routeId: string | null, pathname: string): string {
	if (routeId !== null) return routeId.replace(/\/\([^/]*\)/g, '') || '/';
	let decoded: string;
	try {
		decoded = pathname
			.split('%25')
			.map((part) => decodeURI(part))
			.join('%25');
	} catch {
		decoded = pathname;
	}
	// Empty and dot segments, trailing slashes and `;` parameters never name a different area.
	const segments: string[] = [];
	for (const raw of decoded.split('/')) {
		const seg = raw.split(';', 1)[0];
		if (seg === '' || seg === '.') continue;
		if (seg === '..') segments.pop();
		else segments.push(seg);
	}
	return '/' + segments.join('/');
}

const SAME_SITE = 'http://same-site.invalid';

/**
 * Only a path of this site may be a post-login destination. Judged on what the URL parser
 * makes of it, as a browser resolving the Location would: `/..//evil.example` or
 * `/%2e%2e//evil.example` is a same-origin path here but `//evil.example` once resolved, and a
 * Location starting `//` or `/\` leaves the site.
 */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return null;
	// Through the URL parser: anything that would still leave the site changes the origin, and
	// what a Location header cannot carry (control characters, non-ASCII) comes back
	// percent-encoded instead of failing the redirect with a 500.
	let url: URL;
	try {
		url = new URL(next, SAME_SITE);
	} catch {
		return null;
	}
	if (url.origin !== SAME_SITE) return null;
	const path = url.pathname;
	if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
	return path + url.search + url.hash;
}
