// Needs the build (BUILD_DIR, as for every test that spawns the app). The post-login and
// language-switch destinations against the open-redirect spellings of
// tests/helpers/redirect-variants.ts, on the real endpoints: signed in at /login?next=…, the
// sign-in form itself, and POST /lang. Every Location, resolved as a browser does, stays on the
// app's origin; the ordinary same-site destinations still work.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { hostileNexts, landsOn, SAFE_NEXTS } from '../helpers/redirect-variants';
import { seedMatrixFixture } from './authz/fixture';
import { F } from './authz/ids';

const NEXTS = hostileNexts();

describe('no redirect leaves the site, whatever `next` says', () => {
	const app = useBuiltApp({
		seed: (db, dir) => seedMatrixFixture(db, join(dir, 'uploads'), Date.now())
	});

	/** The Location of a 303, or a description of what came instead. */
	async function locationOf(path: string, init: RequestInit = {}): Promise<string> {
		const res = await fetch(app.url + path, { redirect: 'manual', ...init });
		await res.arrayBuffer();
		if (res.status !== 303) return `status ${res.status}`;
		return res.headers.get('location') ?? 'no Location';
	}

	const signIn = () =>
		new URLSearchParams({ email: F.loginEmail, password: F.loginPassword }).toString();
	const form = { 'content-type': 'application/x-www-form-urlencoded' };

	/** Each `next` sent through `send`; the ones whose Location leaves the origin. */
	async function leaks(send: (next: string) => Promise<string>, nexts: string[]) {
		const out: string[] = [];
		for (const next of nexts) {
			const location = await send(next);
			if (location.startsWith('status') || landsOn(location, app.url) !== app.url)
				out.push(`${JSON.stringify(next)} → ${location}`);
		}
		return out;
	}

	it(`signed in, GET /login?next=… (${NEXTS.length} spellings)`, async () => {
		const cookie = app.seeded.cookies.admin;
		const send = (next: string) =>
			locationOf(`/login?next=${encodeURIComponent(next)}`, { headers: { cookie } });
		expect(await leaks(send, NEXTS)).toEqual([]);
		for (const [next, kept] of SAFE_NEXTS) expect(await send(next)).toBe(kept);
		// The reported case: the path itself, unencoded in the query.
		expect(await locationOf('/login?next=/..//evil.example/phish', { headers: { cookie } })).toBe(
			'/admin'
		);
	});

	it('the sign-in form, with next in its query', async () => {
		const send = (next: string) =>
			locationOf(`/login?next=${encodeURIComponent(next)}`, {
				method: 'POST',
				// A browser's form post: with any other Accept, SvelteKit answers the action in JSON.
				headers: { ...form, origin: app.url, accept: 'text/html' },
				body: signIn()
			});
		// Each sign-in costs an argon2 check: the reported spellings and an even-indexed half.
		const sample = NEXTS.filter((_, i) => i < 8 || i % 2 === 0);
		expect(await leaks(send, sample)).toEqual([]);
		expect(await send('/results')).toBe('/results');
	});

	it(`POST /lang with next in the form (${NEXTS.length} spellings)`, async () => {
		const send = (next: string) =>
			locationOf('/lang', {
				method: 'POST',
				headers: { ...form, origin: app.url },
				body: new URLSearchParams({ lang: 'en', next }).toString()
			});
		expect(await leaks(send, NEXTS)).toEqual([]);
		for (const [next, kept] of SAFE_NEXTS) expect(await send(next)).toBe(kept);
	});
});
