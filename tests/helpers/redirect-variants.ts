// Post-login destinations an attacker would try to turn into an open redirect: paths that are
// same-origin on paper but leave the site once a browser resolves the Location (dot segments
// before `//`, backslashes, tabs and newlines the URL parser drops, encoded dots), plus plain
// absolute and scheme-relative URLs. Generated as a cross product so new spellings are covered.
const HOST = 'evil.example/phish';

/** What may stand before the two slashes: nothing, or segments that resolve to the root. */
const LEADS = [
	'',
	'/.',
	'/..',
	'/a/..',
	'/%2e%2e',
	'/%2E%2E',
	'/.%2e',
	'/%2e',
	'/a/b/../..',
	'/./..'
];

/** Two slashes as a browser's URL parser reads them. */
const SLASHES = ['//', '/\\', '\\\\', '\\/', '/\t/', '/\n/', '/\r\n/', '/\t\\', '\t//', '//\t'];

const ABSOLUTE = [
	'https://evil.example/phish',
	'http:evil.example',
	'https:/evil.example',
	'//evil.example',
	'///evil.example',
	'////evil.example',
	' //evil.example',
	'\t//evil.example',
	'\\\\evil.example',
	'javascript:alert(1)',
	'/\u0000/evil.example',
	'/%09/evil.example',
	'/%2F/evil.example',
	'/%5C/evil.example',
	'/%5c%5cevil.example'
];

export function hostileNexts(): string[] {
	const out = new Set<string>(ABSOLUTE);
	for (const lead of LEADS) for (const s of SLASHES) out.add(lead + s + HOST);
	return [...out];
}

/** Same-site destinations that must keep working after the fix. */
export const SAFE_NEXTS: [string, string][] = [
	['/office/councils', '/office/councils'],
	['/results?round=1#top', '/results?round=1#top'],
	['/a/../office', '/office'],
	['/sittings/s1', '/sittings/s1']
];

/** Where a browser lands for a Location, resolved against the app's origin. */
export function landsOn(location: string, origin: string): string {
	return new URL(location, origin).origin;
}
