// The public results pages served from memory (src/lib/server/public-cache.ts), against the built
// app on a real SQLite file: an anonymous reader's second request is a hit with the same bytes;
// a change to any public table (a new publication, written by another connection as the CLI
// would) is shown at once; a signed-in reader always gets a fresh page with their own name; a
// language has its own page; writes to private tables (sessions, the Yjs log) keep the pages.
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { sessionPolicyOf } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db/client';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

const POLICY = sessionPolicyOf(
	loadConfig({ DATABASE_URL: ':memory:', ORIGIN: 'http://127.0.0.1', NODE_ENV: 'test' })
);
// Every page's first answer here is a reader's render: nothing rendered ahead (public-warm.ts has
// its own test).
const app = useBuiltApp({ env: { PUBLIC_WARM_PAGES: '0' } });
let db: Db;
let world: World;
let officeCookie = '';
let firstSeq = 0;

const get = async (path: string, cookie?: string) => {
	const res = await fetch(app.url + path, { headers: cookie ? { cookie } : {} });
	return {
		status: res.status,
		cache: res.headers.get('x-cache'),
		setCookie: res.headers.get('set-cookie'),
		csp: res.headers.get('content-security-policy') ?? '',
		text: await res.text()
	};
};

beforeAll(async () => {
	db = app.db;
	world = seedWorld(db, Date.UTC(2026, 10, 29));
	firstSeq = lockProduct(db, world, {
		key: 'a',
		name: 'Trà xanh Hòa Vang',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		publish: true,
		closedAt: Date.UTC(2026, 10, 29, 3)
	}).seq;
	officeCookie = `${SESSION_COOKIE}=${createSession(db, world.officeId, POLICY, Date.now()).token}`;
});

describe('public page cache', () => {
	it('renders once, then serves the same bytes from memory, with no cookie and no nonce', async () => {
		for (const path of ['/results', `/results/${firstSeq}`, '/results?q=tra']) {
			const first = await get(path);
			expect(first.status, path).toBe(200);
			expect(first.cache, path).toBe('miss');
			const second = await get(path);
			expect(second.cache, path).toBe('hit');
			expect(second.text, path).toBe(first.text);
			expect(second.setCookie, path).toBeNull();
			// A nonce shown to two readers is no nonce: the policy uses hashes, and these pages
			// carry no script at all (csr = false), so none is allowed inline.
			const scriptSrc = second.csp
				.split(';')
				.map((d) => d.trim())
				.find((d) => d.startsWith('script-src'));
			expect(second.csp, path).not.toContain('nonce-');
			expect(scriptSrc, path).toBe("script-src 'self'");
			expect(second.text, path).not.toContain('<script');
		}
		expect((await get(`/results/${firstSeq}`)).text).toContain('Trà xanh Hòa Vang');
	});

	it('shows a new publication at once', async () => {
		expect((await get('/results')).cache).toBe('hit');
		const added = lockProduct(db, world, {
			key: 'b',
			name: 'Nước mắm Nam Ô',
			setNo: 7,
			ranks: [1, 1, 1, 1],
			publish: true,
			closedAt: Date.UTC(2026, 10, 29, 4)
		});
		const list = await get('/results');
		expect(list.cache).toBe('miss');
		expect(list.text).toContain('Nước mắm Nam Ô');
		expect((await get(`/results/${added.seq}`)).status).toBe(200);
	});

	it('keeps its pages across writes no public page reads', async () => {
		await get('/results');
		expect((await get('/results')).cache).toBe('hit');
		createSession(db, world.memberIds[1], POLICY, Date.now());
		db.$client
			.prepare('insert into yjs_updates (doc, "update", at) values (?, ?, ?)')
			.run('card/x/y', Buffer.from([0]), Date.now());
		expect((await get('/results')).cache).toBe('hit');
	});

	it('gives a signed-in reader a fresh page with their own name, never the cached one', async () => {
		await get('/results');
		const signedIn = await get('/results', officeCookie);
		expect(signedIn.status).toBe(200);
		expect(signedIn.cache).toBeNull();
		expect(signedIn.text).toContain('Nguyễn Thị Thu Hà');
		// …and their page is not handed to the next anonymous reader.
		const anonymous = await get('/results');
		expect(anonymous.text).not.toContain('Nguyễn Thị Thu Hà');
		// An expired or forged cookie is not a way into the cache either: it is answered afresh.
		for (const forged of ['forged', '%ZZ', ''])
			expect((await get('/results', `${SESSION_COOKIE}=${forged}`)).cache, forged).toBeNull();
	});

	it('keeps one page per language', async () => {
		const vi = await get('/results');
		const en = await get('/results', 'ocop_lang=en');
		expect(en.text).not.toBe(vi.text);
		expect(en.text).toContain('lang="en"');
		expect((await get('/results', 'ocop_lang=en')).cache).toBe('hit');
		expect((await get('/results')).text).toContain('lang="vi"');
	});

	it('replays a stored page with every header the app gave it, before SvelteKit', async () => {
		const path = `/results/${firstSeq}`;
		const first = await fetch(app.url + path + '?full');
		const firstBody = await first.text();
		const second = await fetch(app.url + path + '?full');
		expect(first.headers.get('x-cache')).toBe('miss');
		expect(second.headers.get('x-cache')).toBe('hit');
		expect(await second.text()).toBe(firstBody);
		const comparable = (h: Headers) =>
			[...h.entries()].filter(
				([n]) =>
					![
						'date',
						'x-cache',
						'content-length',
						'keep-alive',
						'connection',
						'transfer-encoding'
					].includes(n)
			);
		expect(comparable(second.headers)).toEqual(comparable(first.headers));
		expect(second.headers.get('x-content-type-options')).toBe('nosniff');
		expect(second.headers.get('x-frame-options')).toBe('DENY');
		expect(second.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});

	it('leaves every other spelling of a stored page to SvelteKit, which answers it rightly', async () => {
		await get('/results');
		expect((await get('/results')).cache).toBe('hit');
		// Spellings SvelteKit routes to the same page: never replayed by the entry point, which
		// matches stored keys exactly; they are answered (and stored) by the app itself.
		for (const variant of ['/%72esults', '/results/', '//results', '/results/.']) {
			const res = await fetch(app.url + variant, { redirect: 'manual' });
			expect(res.headers.get('x-cache'), variant).not.toBe('hit');
			expect([200, 301, 308, 404], variant).toContain(res.status);
			await res.arrayBuffer();
		}
		// Cookies the entry point does not read plainly go to SvelteKit, which takes the first.
		const doubled = await get('/results', 'ocop_lang=en; ocop_lang=vi');
		expect(doubled.cache).not.toBe('hit');
		expect(doubled.text).toContain('lang="en"');
		for (const odd of ['ocop_lang=%65n', 'ocop_lang="en"', 'ocop_lang=xx'])
			expect((await get('/results', odd)).cache, odd).not.toBe('hit');
		// A session cookie among others, in any case: never the stored page.
		expect((await get('/results', `ocop_lang=vi; ${SESSION_COOKIE}=forged`)).cache).toBeNull();
		// In-app navigation's data request: the app's own hit.
		await fetch(app.url + '/results/__data.json').then((r) => r.arrayBuffer());
		const data = await fetch(app.url + '/results/__data.json');
		expect(data.headers.get('x-cache')).toBe('hit-app');
		expect(data.headers.get('content-type')).toContain('json');
	});

	it('keeps a page under one address: other spellings are sent there or refused, never stored', async () => {
		const manual = (path: string) => fetch(app.url + path, { redirect: 'manual' });
		// Number() would read all of these as the result's number: one page, endless cache keys.
		for (const alias of [
			`0${firstSeq}`,
			`${firstSeq}.0`,
			`${firstSeq}e0`,
			`0x${firstSeq.toString(16)}`,
			`+${firstSeq}`,
			`%2B${firstSeq}`,
			` ${firstSeq}`
		]) {
			for (const suffix of ['', '/certificate.pdf', '/report.pdf', '/bundle.json']) {
				const res = await manual(`/results/${alias}${suffix}`);
				expect(res.status, alias + suffix).toBe(404);
				expect(res.headers.get('x-cache'), alias + suffix).toBeNull();
				await res.arrayBuffer();
			}
		}
		const redirects: [string, string][] = [
			[`/results/${firstSeq}?utm_source=qr`, `/results/${firstSeq}`],
			['/results?page=1', '/results'],
			['/results?page=abc&page=2', '/results'],
			['/results?q=&year=&round=&level=&set=&stars=', '/results'],
			['/results?level=province&year=2026&x=1', '/results?year=2026&level=province'],
			['/results?q=++tr%C3%A0++&stars=9', '/results?q=tr%C3%A0'],
			['/results?page=2&year=2026', '/results?year=2026&page=2']
		];
		for (const [asked, canonical] of redirects) {
			const res = await manual(asked);
			expect(res.status, asked).toBe(308);
			expect(res.headers.get('location'), asked).toBe(canonical);
			// The address it names is final: followed once, it is the page itself.
			const landed = await manual(canonical);
			expect(landed.status, canonical).toBe(200);
			await landed.arrayBuffer();
			expect((await get(canonical)).cache, canonical).toBe('hit');
		}
		// In-app navigation asks as it likes: answered fresh, not stored and not redirected.
		const data = await fetch(app.url + '/results/__data.json?page=1&x=2');
		expect(data.status).toBe(200);
		expect(data.headers.get('x-cache')).toBeNull();
		await data.arrayBuffer();
	});

	it('answers a stored page gzip-compressed to readers who take it, the same page to others', async () => {
		const raw = (path: string, acceptEncoding?: string) =>
			new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
				const req = httpGet(
					app.url + path,
					{
						headers: {
							cookie: 'ocop_lang=en',
							...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {})
						}
					},
					(res) => {
						const chunks: Buffer[] = [];
						res.on('data', (c: Buffer) => chunks.push(c));
						res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
					}
				);
				req.on('error', reject);
			});
		// In English: a page no earlier test has stored, so the first answer is a render.
		const path = `/results/${firstSeq}`;
		const miss = await raw(path, 'gzip, deflate');
		const hit = await raw(path, 'gzip');
		const plain = await raw(path);
		const refused = await raw(path, 'gzip;q=0, br');
		expect([miss.headers['x-cache'], hit.headers['x-cache'], plain.headers['x-cache']]).toEqual([
			'miss',
			'hit',
			'hit'
		]);
		for (const r of [miss, hit]) {
			expect(r.headers['content-encoding']).toBe('gzip');
			expect(gunzipSync(r.body).toString()).toBe(plain.body.toString());
		}
		expect(hit.body.byteLength).toBe(Number(hit.headers['content-length']));
		expect(hit.body.byteLength * 3).toBeLessThan(plain.body.byteLength);
		for (const r of [plain, refused]) {
			expect(r.headers['content-encoding']).toBeUndefined();
			expect(r.body.toString()).toContain('Trà xanh Hòa Vang');
			expect(r.body.toString()).toContain('lang="en"');
		}
		for (const r of [miss, hit, plain]) expect(r.headers.vary).toMatch(/Accept-Encoding/);
	});

	it('never keeps an answer that is not a page: a missing result stays a fresh 404', async () => {
		for (let i = 0; i < 2; i++) {
			const missing = await get('/results/999999');
			expect(missing.status).toBe(404);
			expect(missing.cache).toBeNull();
		}
	});
});
