// The public page cache's two halves: the database counter that any public table's change bumps
// (and private tables' do not), and the bounded store that drops a page of an older generation
// or past its age.
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
	MAX_AGE_MS,
	PRIVATE_TABLES,
	PublicPageCache,
	answerOf,
	ensurePublicGeneration,
	parsePublicPageKey,
	publicGeneration,
	publicPageKey,
	storedPage,
	vietnamDay,
	type CachedPage
} from '../../src/lib/server/public-cache';

const page = (generation: number, bytes: number, storedAt = 0): CachedPage => ({
	generation,
	storedAt,
	status: 200,
	headers: [['content-type', 'text/html']],
	body: new Uint8Array(bytes),
	gzip: null
});

describe('public generation counter', () => {
	it('counts every change of a public table, also one created after the first start', () => {
		const sqlite = new Database(':memory:');
		sqlite.exec('create table products (id text primary key, name text)');
		sqlite.exec('create table sessions (id text primary key)');
		ensurePublicGeneration(sqlite);
		const start = publicGeneration(sqlite);
		sqlite.exec("insert into products values ('p', 'Trà')");
		sqlite.exec("update products set name = 'Trà xanh'");
		sqlite.exec('delete from products');
		expect(publicGeneration(sqlite)).toBe(start + 3);
		sqlite.exec("insert into sessions values ('s')");
		expect(publicGeneration(sqlite)).toBe(start + 3);
		// A table a later migration adds is covered from the next start, without a list to update.
		sqlite.exec('create table revocations (id text)');
		ensurePublicGeneration(sqlite);
		ensurePublicGeneration(sqlite);
		sqlite.exec("insert into revocations values ('r')");
		expect(publicGeneration(sqlite)).toBe(start + 4);
		expect(PRIVATE_TABLES.has('products')).toBe(false);
		// What a result's public standing reads after the council (domain/public-standing.ts).
		for (const table of [
			'decision_items',
			'recognition_decisions',
			'certificate_revocations',
			'ministry_packages',
			'result_publications'
		])
			expect(PRIVATE_TABLES.has(table), table).toBe(false);
	});

	it('a rolled-back change leaves the counter as it was', () => {
		const sqlite = new Database(':memory:');
		sqlite.exec('create table products (id text primary key)');
		ensurePublicGeneration(sqlite);
		const start = publicGeneration(sqlite);
		expect(() =>
			sqlite.transaction(() => {
				sqlite.exec("insert into products values ('p')");
				throw new Error('stop');
			})()
		).toThrow('stop');
		expect(publicGeneration(sqlite)).toBe(start);
	});
});

describe('PublicPageCache', () => {
	it('serves a page only for the generation it was rendered at, and not past its age', () => {
		const cache = new PublicPageCache();
		cache.set('k', page(3, 10, 1000));
		expect(cache.get('k', 3, 1000 + MAX_AGE_MS - 1)).not.toBeNull();
		expect(cache.get('k', 3, 1000 + MAX_AGE_MS)).toBeNull();
		cache.set('k', page(3, 10, 1000));
		expect(cache.get('k', 4, 1000)).toBeNull();
		// The stale page is gone, not kept beside the new one.
		expect(cache.size).toBe(0);
		expect(cache.totalBytes).toBe(0);
	});

	it('stays within its count and its bytes, dropping the least recently used', () => {
		const cache = new PublicPageCache({ entries: 3, bytes: 1000 });
		cache.set('a', page(1, 100));
		cache.set('b', page(1, 100));
		cache.set('c', page(1, 100));
		expect(cache.get('a', 1, 0)).not.toBeNull();
		cache.set('d', page(1, 100));
		expect(cache.get('b', 1, 0)).toBeNull();
		expect(cache.get('a', 1, 0)).not.toBeNull();
		cache.set('e', page(1, 240));
		cache.set('f', page(1, 240));
		expect(cache.totalBytes).toBeLessThanOrEqual(1000);
		expect(cache.size).toBeLessThanOrEqual(3);
		// One page larger than a quarter of the budget is not kept at all.
		cache.set('big', page(1, 251));
		expect(cache.get('big', 1, 0)).toBeNull();
	});

	it('keeps a gzip form of a page worth it, answers it to readers who take gzip, and counts both', () => {
		const html = new TextEncoder().encode('<p>Trà xanh Hòa Vang</p>'.repeat(200));
		const stored = storedPage(
			1,
			0,
			[
				['content-type', 'text/html'],
				['etag', '"abc"'],
				['vary', 'Cookie']
			],
			html
		);
		const header = (h: [string, string][], name: string) => h.find(([n]) => n === name)?.[1];
		expect(gunzipSync(stored.gzip!)).toEqual(Buffer.from(html));
		expect(header(stored.headers, 'vary')).toBe('Cookie, Accept-Encoding');
		for (const accept of ['gzip', 'gzip, deflate, br', 'br;q=1, *;q=0.5']) {
			const a = answerOf(stored, accept);
			expect(a.body, accept).toBe(stored.gzip);
			expect(header(a.headers, 'content-encoding'), accept).toBe('gzip');
			expect(header(a.headers, 'etag'), accept).toBe('"abc-gzip"');
		}
		for (const accept of [null, '', 'br', 'gzip;q=0', 'identity']) {
			const a = answerOf(stored, accept);
			expect(a.body, String(accept)).toBe(stored.body);
			expect(header(a.headers, 'content-encoding'), String(accept)).toBeUndefined();
			expect(header(a.headers, 'etag'), String(accept)).toBe('"abc"');
		}
		// A small page is answered as it is, to everyone.
		const small = storedPage(1, 0, [['content-type', 'text/html']], new Uint8Array(100));
		expect(small.gzip).toBeNull();
		expect(answerOf(small, 'gzip').body).toBe(small.body);
		const cache = new PublicPageCache();
		cache.set('k', stored);
		expect(cache.totalBytes).toBe(html.byteLength + stored.gzip!.byteLength);
		cache.forget('k');
		expect(cache.totalBytes).toBe(0);
	});

	it('turns the day at midnight in Việt Nam, not in UTC', () => {
		expect(vietnamDay(Date.UTC(2026, 11, 3, 16, 59))).toBe('2026-12-03');
		expect(vietnamDay(Date.UTC(2026, 11, 3, 17, 0))).toBe('2026-12-04');
	});
});

describe('renders on publication day', () => {
	it('lets a concurrent miss wait for the render under way, and forgets it once settled', async () => {
		const cache = new PublicPageCache();
		expect(cache.pending('k')).toBeNull();
		const done = cache.startRender('k');
		const waiting = cache.pending('k');
		expect(waiting).not.toBeNull();
		done(page(7, 1));
		expect(await waiting).toEqual(page(7, 1));
		expect(cache.pending('k')).toBeNull();
		// A failed render settles its waiters with nothing: they render for themselves.
		const failed = cache.startRender('k');
		const next = cache.pending('k');
		failed(null);
		expect(await next).toBeNull();
	});

	it('runs one render at a time, with a turn of the event loop before each', async () => {
		const cache = new PublicPageCache();
		const log: string[] = [];
		let running = 0;
		const render = (name: string) =>
			cache.inTurn(async () => {
				running++;
				expect(running).toBe(1);
				log.push(`start ${name}`);
				await new Promise((resolve) => setTimeout(resolve, 5));
				log.push(`end ${name}`);
				running--;
				return name;
			});
		// Work queued after the renders were asked for still runs before the first of them.
		const renders = [render('a'), render('b'), render('c')];
		setImmediate(() => log.push('tick'));
		expect(await Promise.all(renders)).toEqual(['a', 'b', 'c']);
		expect(log).toEqual(['tick', 'start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
		// A render that throws does not stop the ones after it.
		const broken = cache.inTurn(async () => {
			throw new Error('boom');
		});
		await expect(broken).rejects.toThrow('boom');
		expect(await render('d')).toBe('d');
	});
});

describe('pages to render ahead of readers', () => {
	it('names the pages of an older generation that readers asked for again, newest first', () => {
		const cache = new PublicPageCache({ entries: 3, bytes: 1 << 20 });
		for (const key of ['a', 'b', 'c']) cache.set(key, page(1, 10));
		// b and c are read again; a is not. All three then belong to an older generation.
		expect(cache.get('b', 1, 0)).not.toBeNull();
		expect(cache.get('c', 1, 0)).not.toBeNull();
		expect(cache.staleReread(1, 10)).toEqual([]);
		expect(cache.staleReread(2, 10)).toEqual(['c', 'b']);
		expect(cache.staleReread(2, 1)).toEqual(['c']);
		// Stored again (rendered anew), a page has not been re-read since, until it is.
		cache.set('c', page(2, 10));
		expect(cache.staleReread(2, 10)).toEqual(['b']);
		// Pushed out by a newer page, or dropped as stale when asked for, it is gone from the list.
		cache.set('d', page(2, 10));
		cache.set('e', page(2, 10));
		expect(cache.get('b', 2, 0)).toBeNull();
		expect(cache.staleReread(3, 10)).toEqual([]);
	});

	it('names the re-read pages about to be dropped for their age, and drops one when told', () => {
		const cache = new PublicPageCache();
		cache.set('old', page(4, 10, 1_000));
		cache.set('older-unread', page(4, 10, 0));
		cache.set('young', page(4, 10, 40_000));
		cache.set('other-generation', page(3, 10, 0));
		for (const key of ['old', 'young']) expect(cache.get(key, 4, 45_000)).not.toBeNull();
		expect(cache.get('other-generation', 3, 45_000)).not.toBeNull();
		expect(cache.ageing(4, 52_000, 50_000, 10)).toEqual(['old']);
		expect(cache.ageing(4, 52_000, 50_000, 0)).toEqual([]);
		expect(cache.holds('old', 4, 52_000)).toBe(true);
		expect(cache.holds('old', 5, 52_000)).toBe(false);
		expect(cache.holds('old', 4, 1_000 + MAX_AGE_MS)).toBe(false);
		const bytes = cache.totalBytes;
		cache.forget('old');
		expect(cache.holds('old', 4, 52_000)).toBe(false);
		expect(cache.get('old', 4, 52_000)).toBeNull();
		expect(cache.totalBytes).toBe(bytes - 10);
		expect(cache.ageing(4, 52_000, 50_000, 10)).toEqual([]);
	});

	it('reads back the parts of a key, a path with a bar included, and refuses anything else', () => {
		const parts = { locale: 'en', day: '2026-12-04', data: false, pathAndSearch: '/results?q=a|b' };
		expect(parsePublicPageKey(publicPageKey(parts))).toEqual(parts);
		expect(parsePublicPageKey(publicPageKey({ ...parts, data: true }))?.data).toBe(true);
		for (const bad of ['', 'vi', 'vi|2026-12-04|other|/results', 'vi|2026-12-04|page'])
			expect(parsePublicPageKey(bad), bad).toBeNull();
	});
});
