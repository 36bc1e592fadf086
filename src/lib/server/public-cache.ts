// The public results pages are what a certificate's QR code opens and what the press reloads on
// publication day. Their content changes only when the database's public facts change (a result
// is published, a decision recorded, a certificate revoked…) or when the day turns (a
// certificate expires), so an anonymous reader's page is rendered once per such change and then
// served from memory.
//
// What "changed" means is kept by the database itself: every table that a public page may read
// carries triggers that bump one counter (`public_generation`, see db/client.ts). A new table is
// covered by default; only tables listed in PRIVATE_TABLES (sessions, live-sitting state, the
// Yjs log…) are not, which keeps thousands of scoring ticks a second from emptying the cache.
// The counter is read before the page is rendered, so a stored page is never older than the
// generation it is filed under. A change made behind the app's back (triggers dropped, the signed
// head log edited on disk) is not counted: a stored page is also re-rendered after MAX_AGE_MS,
// so the integrity warning of a tampered record shows within a minute.

import { gzipSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { acceptsGzip } from './compress-html';
import { Turns } from './turns';

export const MAX_AGE_MS = 60_000;

export interface CachedPage {
	generation: number;
	storedAt: number;
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	/**
	 * The body gzip-compressed once when it is stored (null when not worth it), for the readers
	 * that take gzip: a product's page is 25 KB of HTML and 5 KB compressed, and a QR code is
	 * read on a phone's link. Both answers carry `Vary: Accept-Encoding`.
	 */
	gzip: Uint8Array<ArrayBuffer> | null;
}

/** Pages under a kilobyte are not worth compressing (as compress-html.ts). */
const GZIP_MIN_BYTES = 1024;

/** A page to store: its headers as kept, and its gzip form when worth it. */
export function storedPage(
	generation: number,
	storedAt: number,
	headers: [string, string][],
	body: Uint8Array<ArrayBuffer>
): CachedPage {
	const gzip =
		body.byteLength >= GZIP_MIN_BYTES
			? (new Uint8Array(gzipSync(body)) as Uint8Array<ArrayBuffer>)
			: null;
	const kept = gzip
		? [
				...headers.filter(([n]) => n.toLowerCase() !== 'vary'),
				['vary', varyWith(headers)] as [string, string]
			]
		: headers;
	return { generation, storedAt, status: 200, headers: kept, body, gzip };
}

function varyWith(headers: [string, string][]): string {
	const names = headers
		.filter(([n]) => n.toLowerCase() === 'vary')
		.flatMap(([, v]) => v.split(',').map((x) => x.trim()))
		.filter((x) => x && x.toLowerCase() !== 'accept-encoding');
	return [...names, 'Accept-Encoding'].join(', ');
}

/** The answer for a reader: the gzip form when they take it, else the page as rendered. */
export function answerOf(
	page: CachedPage,
	acceptEncoding: string | null | undefined
): { headers: [string, string][]; body: Uint8Array<ArrayBuffer> } {
	if (page.gzip && acceptsGzip(acceptEncoding ?? null))
		return {
			headers: [
				// Other bytes, another validator: the rendered page's ETag names the plain body.
				...page.headers.map(([n, v]): [string, string] =>
					n.toLowerCase() === 'etag' ? [n, v.replace(/"$/, '-gzip"')] : [n, v]
				),
				['content-encoding', 'gzip']
			],
			body: page.gzip
		};
	return { headers: page.headers, body: page.body };
}

/** Bytes a stored page holds in memory (both forms). */
function sizeOf(page: CachedPage): number {
	return page.body.byteLength + (page.gzip?.byteLength ?? 0);
}

/**
 * Tables no public page reads. A write to them does not invalidate cached public pages; every
 * other table does. Adding a table here is a claim that the public pages never show it.
 */
export const PRIVATE_TABLES = new Set([
	'__drizzle_migrations',
	'sqlite_sequence',
	'public_generation',
	'audit_log',
	'login_attempts',
	'sessions',
	'notifications',
	'meeting_attendance',
	'meeting_chat',
	'meeting_hands',
	'meeting_state',
	'yjs_updates',
	'scorecards',
	'self_assessments',
	'document_requests',
	'document_register'
]);

/** Creates the counter and the triggers that bump it (idempotent; run after migrations). */
export function ensurePublicGeneration(sqlite: Database): void {
	sqlite.exec(`
		CREATE TABLE IF NOT EXISTS public_generation (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			gen INTEGER NOT NULL
		);
		INSERT OR IGNORE INTO public_generation (id, gen) VALUES (1, 0);
	`);
	const tables = sqlite
		.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
		.all() as { name: string }[];
	for (const { name } of tables) {
		if (PRIVATE_TABLES.has(name) || !/^[a-z_][a-z0-9_]*$/.test(name)) continue;
		for (const event of ['insert', 'update', 'delete']) {
			sqlite.exec(`
				CREATE TRIGGER IF NOT EXISTS ${name}_public_${event} AFTER ${event.toUpperCase()} ON ${name}
				BEGIN UPDATE public_generation SET gen = gen + 1 WHERE id = 1; END;
			`);
		}
	}
}

/**
 * Counts a public change that is not a row: a new signed chain head, appended to its log after
 * the lock's commit. A page rendered between the two shows the old head under the new count;
 * this makes it old too.
 */
export function bumpPublicGeneration(sqlite: Database): void {
	sqlite.prepare('update public_generation set gen = gen + 1 where id = 1').run();
}

export function publicGeneration(sqlite: Database): number {
	const row = sqlite.prepare('select gen from public_generation where id = 1').get() as
		{ gen: number } | undefined;
	return row?.gen ?? -1;
}

export interface PageCacheLimits {
	entries: number;
	bytes: number;
}

/** Least recently used first out, bounded by count and by bytes. */
export class PublicPageCache {
	private readonly pages = new Map<string, CachedPage>();
	private bytes = 0;
	/** Renders under way, by key: on publication day a page is asked for many times at once. */
	private readonly rendering = new Map<string, Promise<CachedPage | null>>();

	/** Keys of stored pages served again since they were stored: the ones worth keeping warm. */
	private readonly reread = new Set<string>();

	constructor(private readonly limits: PageCacheLimits = { entries: 2000, bytes: 32 << 20 }) {}

	get(key: string, generation: number, now: number): CachedPage | null {
		const page = this.pages.get(key);
		if (!page) return null;
		this.pages.delete(key);
		if (page.generation !== generation || now - page.storedAt >= MAX_AGE_MS) {
			this.bytes -= sizeOf(page);
			this.reread.delete(key);
			return null;
		}
		this.pages.set(key, page);
		this.reread.add(key);
		return page;
	}

	set(key: string, page: CachedPage): void {
		if (sizeOf(page) > this.limits.bytes / 4) return;
		const old = this.pages.get(key);
		if (old) {
			this.pages.delete(key);
			this.bytes -= sizeOf(old);
		}
		this.reread.delete(key);
		this.pages.set(key, page);
		this.bytes += sizeOf(page);
		for (const [oldest, entry] of this.pages) {
			if (this.pages.size <= this.limits.entries && this.bytes <= this.limits.bytes) break;
			this.pages.delete(oldest);
			this.reread.delete(oldest);
			this.bytes -= sizeOf(entry);
		}
	}

	/**
	 * Keys of stored pages filed under another generation than `generation` that readers asked
	 * for again after they were stored, most recently used first: what a publication made cold
	 * and readers are likely to ask for again (see server/public-warm.ts).
	 */
	staleReread(generation: number, limit: number): string[] {
		const keys: string[] = [];
		for (const key of [...this.pages.keys()].reverse()) {
			if (keys.length >= limit) break;
			if (this.reread.has(key) && this.pages.get(key)!.generation !== generation) keys.push(key);
		}
		return keys;
	}

	/**
	 * Keys of pages of `generation` that readers asked for again and that were stored more than
	 * `olderThanMs` before `now`, most recently used first: what MAX_AGE_MS is about to drop.
	 */
	ageing(generation: number, now: number, olderThanMs: number, limit: number): string[] {
		const keys: string[] = [];
		for (const key of [...this.pages.keys()].reverse()) {
			if (keys.length >= limit) break;
			const page = this.pages.get(key)!;
			if (
				this.reread.has(key) &&
				page.generation === generation &&
				now - page.storedAt > olderThanMs
			)
				keys.push(key);
		}
		return keys;
	}

	/** Whether `key` is stored, current and young enough to be served; changes nothing. */
	holds(key: string, generation: number, now: number): boolean {
		const page = this.pages.get(key);
		return !!page && page.generation === generation && now - page.storedAt < MAX_AGE_MS;
	}

	/** Drops `key`, so that the next request for it renders it again. */
	forget(key: string): void {
		const page = this.pages.get(key);
		if (!page) return;
		this.pages.delete(key);
		this.reread.delete(key);
		this.bytes -= sizeOf(page);
	}

	/** The render of `key` under way, if any: a concurrent miss waits for it instead of rendering. */
	pending(key: string): Promise<CachedPage | null> | null {
		return this.rendering.get(key) ?? null;
	}

	/**
	 * Marks `key` as being rendered until the returned function is called with the page (or null
	 * when the answer is not one to keep). Call it on every path, errors included.
	 */
	startRender(key: string): (page: CachedPage | null) => void {
		let settle!: (page: CachedPage | null) => void;
		const render = new Promise<CachedPage | null>((resolve) => (settle = resolve));
		this.rendering.set(key, render);
		return (page) => {
			if (this.rendering.get(key) === render) this.rendering.delete(key);
			settle(page);
		};
	}

	private readonly turns = new Turns();

	/**
	 * Runs one render of a public page at a time, each after a turn of the event loop. A page that
	 * nobody has asked for since a publication costs a render (milliseconds); a few hundred of them
	 * asked for at once would otherwise hold the loop for seconds, and live scoring's ticks with
	 * it. In turn, the ticks between renders go first; the readers wait, each for one render.
	 */
	inTurn<T>(render: () => Promise<T>): Promise<T> {
		return this.turns.run(render);
	}

	get size(): number {
		return this.pages.size;
	}

	get totalBytes(): number {
		return this.bytes;
	}
}

/** Routes whose anonymous page is the same for every reader (per language and day). */
export const PUBLIC_CACHED_ROUTES = new Set(['/results', '/results/[seq]']);

/** The calendar day in Việt Nam (UTC+7, no daylight saving): certificates expire by it. */
export function vietnamDay(nowMs: number): string {
	return new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10);
}

interface PageKey {
	locale: string;
	day: string;
	data: boolean;
	pathAndSearch: string;
}

/** Where a page is filed: per language, Vietnamese day, page or data request, path and query. */
export function publicPageKey(page: PageKey): string {
	return [page.locale, page.day, page.data ? 'data' : 'page', page.pathAndSearch].join('|');
}

/** The parts of a key made by `publicPageKey` (the path may hold '|', the rest cannot). */
export function parsePublicPageKey(key: string): PageKey | null {
	const [locale, day, kind, ...path] = key.split('|');
	if (!locale || !day || (kind !== 'data' && kind !== 'page') || path.length === 0) return null;
	return { locale, day, data: kind === 'data', pathAndSearch: path.join('|') };
}

/** Headers that belong to one answer only and must not be replayed to another reader. */
const PER_RESPONSE = new Set(['set-cookie', 'date', 'age', 'content-length', 'content-encoding']);

export function cacheableHeaders(headers: Headers): [string, string][] {
	const kept: [string, string][] = [];
	headers.forEach((value, name) => {
		if (!PER_RESPONSE.has(name.toLowerCase())) kept.push([name, value]);
	});
	return kept;
}
