// Needs the build (BUILD_DIR, as for every test that spawns the app). Generated malformed input
// for every form action and endpoint that tests/helpers/surfaces.ts discovers: never a 5xx,
// never a change to the database, the server alive, and a form's refusal in Vietnamese.
import http from 'node:http';
import { parse as devalueParse } from 'devalue';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { casesOf, fuzzSeed, pool, stateFingerprint, vietnameseKey } from '../helpers/fuzz';
import { seedFuzzFixture, type FuzzFixture, type FuzzPerson } from '../helpers/fuzz-fixture';
import { routeSurfaces } from '../helpers/surfaces';
import { encode, encodingArb, isBrowserForm, type Body } from './malformed-http-bodies';
import type { HttpCase, HttpSurfaceFuzz } from './malformed-http-forms';
import { httpFuzzRegistry } from './malformed-http-surfaces';

const seed = fuzzSeed('malformed-input-http');
const WIDTH = 4;
const app = useBuiltApp({ seed: seedFuzzFixture, releaseDb: true });
let f: FuzzFixture;
let agent: http.Agent;
let registry: Record<string, HttpSurfaceFuzz>;
const counts: Record<string, number> = {};

beforeAll(async () => {
	f = app.seeded;
	agent = new http.Agent({ keepAlive: true, maxSockets: WIDTH });
	registry = httpFuzzRegistry(f);
});

afterAll(async () => {
	agent?.destroy();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	console.log(`[fuzz] http: ${Object.keys(counts).length} surfaces, ${total} requests`);
});

interface Reply {
	status: number;
	type: string;
	body: string;
}

function send(
	c: HttpCase,
	who: FuzzPerson | null,
	body: Body | null,
	origin: string
): Promise<Reply> {
	const headers: Record<string, string> = {
		origin,
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	};
	const cookie = c.cookie ?? (who ? f.cookies[who] : undefined);
	if (cookie) headers.cookie = cookie;
	if (body?.type) headers['content-type'] = body.type;
	if (body) headers['content-length'] = String(body.bytes.length);
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${app.url}${c.path}`,
			{ method: c.method, agent, headers, maxHeaderSize: 65536 },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (d: Buffer) => chunks.push(d));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						type: String(res.headers['content-type'] ?? ''),
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
			}
		);
		req.on('error', reject);
		req.setTimeout(15_000, () => req.destroy(new Error('no answer in 15 s')));
		req.end(body?.bytes);
	});
}

const FORM_TYPE =
	/^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain|application\/x-sveltekit-formdata)/i;
const STACK = /\n\s+at .+[(:]\d+|SqliteError|TypeError|ReferenceError/;

/** What a person using the page would see: a refusal in Vietnamese, or the error page's. */
function messageOf(r: Reply): unknown {
	if (!r.type.includes('json')) return undefined;
	const j = JSON.parse(r.body);
	if (j.type === 'failure') return (devalueParse(j.data) as { message?: unknown }).message;
	if (j.type === 'error') return j.error?.message;
	return j.message;
}

/** As SvelteKit decodes a pathname; false for bad percent-encoding. */
function decodable(pathname: string): boolean {
	try {
		pathname.split('%25').forEach((part) => decodeURI(part));
		return true;
	} catch {
		return false;
	}
}

/** A path the router takes as written: no `.` or `..` segment, no bad percent-encoding. */
function isClean(path: string): boolean {
	const pathname = path.split('?')[0];
	return decodable(pathname) && !/\/(\.|%2e){1,2}(\/|$)/i.test(pathname);
}

/**
 * Checks one answer. `strict`: the allowed person, a form a browser could send, a clean URL —
 * then the action itself must have refused it (an action failure), not something in front.
 */
function check(s: HttpSurfaceFuzz, r: Reply, strict: boolean, foreign: boolean, clean: boolean) {
	if (r.status >= 500) return `status ${r.status}`;
	if (STACK.test(r.body)) return 'a stack trace or raw error in the answer';
	// A form from another site: refused by SvelteKit's CSRF check before anything reads it.
	if (foreign) return r.status === 403 ? null : `cross-site form answered ${r.status}`;
	// Node refuses a URL over its header limit before the app sees it; a path with `.` segments
	// or bad UTF-8 is resolved elsewhere (or refused) by the URL parser and the router.
	if (r.status === 431 || r.status === 414 || !clean) return null;
	const json = r.type.includes('json') ? JSON.parse(r.body) : null;
	const said = () =>
		vietnameseKey(messageOf(r)) ? null : `no Vietnamese message: ${String(messageOf(r))}`;
	if (s.expect === 'failure') {
		if (!json || !['failure', 'error', 'redirect'].includes(json.type))
			return `not an action result: ${r.status} ${r.body.slice(0, 120)}`;
		if (strict && json.type !== 'failure') return `the action did not refuse it: ${json.type}`;
		if (json.type === 'redirect') return null;
		const status = json.type === 'failure' ? json.status : r.status;
		return status >= 400 && status < 500 ? said() : `refused with ${status}`;
	}
	if (s.expect === 'redirect')
		return json?.type === 'redirect' || r.status === 303 || (r.status >= 400 && r.status < 500)
			? null
			: `answered ${r.status} ${r.body.slice(0, 120)}`;
	if (s.expect === 'refusal') {
		if (r.status < 300) return `accepted: ${r.status} ${r.body.slice(0, 120)}`;
		// Any message a script reads is the person's language too (an office download once
		// answered {"message":"Not found"}).
		if (json && ('ok' in json || 'message' in json)) return said();
	}
	return null;
}

async function alive(): Promise<void> {
	expect(app.app.child.exitCode, app.app.output().slice(-2000)).toBeNull();
	const res = await fetch(`${app.url}/healthz`);
	expect(res.status).toBe(200);
}

const PEOPLE: FuzzPerson[] = [
	'admin',
	'secretary',
	'chair',
	'm1',
	'producer',
	'commune',
	'outsider'
];

describe('malformed input over HTTP', () => {
	it('has a generator for every discovered form action and endpoint, and nothing stale', () => {
		const discovered = routeSurfaces()
			.filter((s) => s.kind !== 'page')
			.map((s) => s.key)
			.sort();
		expect(Object.keys(httpFuzzRegistry(f)).sort()).toEqual(discovered);
	});

	const keys = routeSurfaces()
		.filter((s) => s.kind !== 'page')
		.map((s) => s.key);
	it.each(keys)('%s', { timeout: 120_000 }, async (key) => {
		const s = registry[key];
		expect(s, `no generator for ${key}`).toBeDefined();
		const arb = fc.record({
			c: s.cases,
			e: encodingArb,
			// Mostly the allowed person; some strangers and anonymous callers, a few cross-site.
			who: fc.oneof(
				{ weight: 18, arbitrary: fc.constant(s.as) },
				{ weight: 2, arbitrary: fc.constantFrom<FuzzPerson | null>(null, ...PEOPLE) }
			),
			foreign: fc.oneof(
				{ weight: 40, arbitrary: fc.constant(false) },
				{ weight: 1, arbitrary: fc.constant(true) }
			)
		});
		const cases = casesOf(arb, seed, key);
		const before = stateFingerprint(f.dbFile, f.uploadDir);

		const problems: string[] = [];
		await pool(cases, WIDTH, async ({ c, e, who, foreign }, i) => {
			const body = c.method === 'POST' ? encode(c.fields, e) : null;
			// Only a form type is what another site can make a browser send (SvelteKit's CSRF check).
			const foreignForm = foreign && !!body?.type && FORM_TYPE.test(body.type);
			const origin = foreign && body ? 'https://evil.example' : app.url;
			const r = await send(c, who, body, origin).catch((err: Error) => err);
			if (r instanceof Error) {
				const sent = `${e.kind} ${body?.type ?? ''} ${body?.bytes.length ?? 0} bytes`;
				problems.push(`#${i} ${r.message}: ${c.method} ${c.path.slice(0, 200)} ${sent}`);
				return;
			}
			const clean = isClean(c.path);
			const strict =
				who === s.as && c.method === 'POST' && isBrowserForm(e) && clean && !c.cookie && !foreign;
			const problem = check(s, r, strict, foreignForm, clean);
			if (problem && problems.length < 5)
				problems.push(
					`#${i} ${problem}\n  ${c.method} ${c.path.slice(0, 200)} as ${who} ${e.kind}\n  fields ${JSON.stringify(c.fields).slice(0, 300)}`
				);
		});
		counts[key] = cases.length;

		await alive();
		expect(problems, `${key} (FUZZ_SEED=${seed})`).toEqual([]);
		expect(stateFingerprint(f.dbFile, f.uploadDir), `${key} changed the database`).toEqual(before);
		console.log(`[fuzz] ${key}: ${cases.length} cases`);
	});

	it('reads and drops a refused body, so the next request on the connection is served', async () => {
		// The login gate answers before the action reads anything; 200 kB stay unread.
		const one = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const body = Buffer.from(`itemId=x&reason=${'a'.repeat(200_000)}`);
		const ask = (method: string, path: string, data?: Buffer) =>
			new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
				const headers: Record<string, string> = { origin: app.url, accept: 'application/json' };
				if (data) {
					headers['content-type'] = 'application/x-www-form-urlencoded';
					headers['content-length'] = String(data.length);
				}
				const req = http.request(`${app.url}${path}`, { method, agent: one, headers }, (res) => {
					res.resume();
					res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
				});
				req.on('error', reject);
				req.end(data);
			});
		expect((await ask('POST', '/member?/conflict', body)).status).toBe(200);
		expect(await ask('GET', '/healthz')).toEqual({ status: 200, reused: true });
		one.destroy();
	});

	it('refuses a body over the size limit with 413', async () => {
		const res = await fetch(`${app.url}/member?/conflict`, {
			method: 'POST',
			headers: {
				origin: app.url,
				cookie: f.cookies.m1,
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `itemId=x&reason=${'a'.repeat(12 * 1024 * 1024)}`
		});
		expect(res.status).toBe(413);
		await alive();
	});
});
