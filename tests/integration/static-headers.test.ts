// The security headers on what never passes the app's hook: the built files SvelteKit's static
// server answers, and SvelteKit's own plain 404 for a `/_app/` file that does not exist (an
// outside probe found both without nosniff, X-Frame-Options or HSTS). A page keeps its own
// headers, its CSP above all, over the ones set for everything.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';

const app = useBuiltApp();

const SECURITY = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin'
};

function securityOf(headers: Headers): Record<string, string | null> {
	return Object.fromEntries(Object.keys(SECURITY).map((name) => [name, headers.get(name)]));
}

describe('security headers beyond the pages', () => {
	it('a built script, a static icon and a missing /_app/ file all carry them', async () => {
		const dir = join(process.env.BUILD_DIR ?? 'build', 'client/_app/immutable/entry');
		const script = (await readdir(dir)).find((name) => name.endsWith('.js'));
		expect(script).toBeTruthy();
		for (const [path, status] of [
			[`/_app/immutable/entry/${script}`, 200],
			['/favicon.png', 200],
			['/_app/immutable/nope.js', 404],
			['/_app/immutable/..%2f..%2fpackage.json', 404]
		] as const) {
			const res = await fetch(app.url + path);
			await res.arrayBuffer();
			expect([path, res.status]).toEqual([path, status]);
			expect(securityOf(res.headers)).toEqual(SECURITY);
		}
	});

	it('a page keeps its own policy beside them', async () => {
		const res = await fetch(app.url + '/login');
		await res.text();
		expect(res.status).toBe(200);
		expect(securityOf(res.headers)).toEqual(SECURITY);
		expect(res.headers.get('content-security-policy')).toMatch(
			/^default-src 'self'; .*script-src /
		);
	});
});
