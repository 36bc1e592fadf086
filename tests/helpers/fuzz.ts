/**
 * Shared pieces of the malformed-input tests: the seed and the run count, a bounded pool to run
 * generated cases over a few connections at once, the check that a message is one of the app's
 * Vietnamese messages, junk generators, and a fingerprint of the database's domain state.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { vi as viMessages } from '../../src/lib/i18n/messages';

/**
 * Cases per surface, bounded so the malformed-input files (real servers, every surface) do not
 * dominate the suite; FUZZ_RUNS raises it for a deeper run (the seed is printed either way).
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 250);

/**
 * One seed per test file, printed so a failure can be replayed exactly: FUZZ_SEED=<n>. Every
 * case is drawn from it with fast-check's `sample`, so the same seed sends the same bytes.
 */
export function fuzzSeed(file: string): number {
	const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
	console.log(`[fuzz] ${file}: seed ${seed}, ${FUZZ_RUNS} cases per surface (FUZZ_SEED to repeat)`);
	return seed;
}

/** `runs` cases of `arb`, reproducible from the seed; `salt` keeps surfaces apart. */
export function casesOf<T>(arb: fc.Arbitrary<T>, seed: number, salt: string, runs = FUZZ_RUNS) {
	let h = seed;
	for (const c of salt) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
	return fc.sample(arb, { seed: h, numRuns: runs });
}

/** Runs `work` over `items` with at most `width` in flight; the first failure is rethrown. */
export async function pool<T>(
	items: readonly T[],
	width: number,
	work: (item: T, index: number) => Promise<void>
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			await work(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/**
 * encodeURIComponent that survives lone surrogates (which it throws on): they go out as the
 * three bytes a careless encoder would produce, which no server can decode as UTF-8.
 */
export function pct(s: string): string {
	return s.replace(/[\ud800-\udbff][\udc00-\udfff]|[^]/g, (c) => {
		const u = c.charCodeAt(0);
		if (c.length === 2 || u < 0xd800 || u > 0xdfff) return encodeURIComponent(c);
		return [0xed, 0xa0 | ((u >> 6) & 0x1f), 0x80 | (u & 0x3f)]
			.map((b) => `%${b.toString(16).toUpperCase()}`)
			.join('');
	});
}

function flatten(tree: unknown, prefix = ''): [string, string][] {
	if (typeof tree === 'string') return [[prefix, tree]];
	if (!tree || typeof tree !== 'object') return [];
	return Object.entries(tree).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const catalog = flatten(viMessages).map(([key, text]) => ({
	key,
	re: new RegExp(
		`^${text
			.split(/\{\{[^}]+\}\}/)
			.map(escapeRe)
			.join('[^]*?')}$`
	)
}));

/**
 * The key of the Vietnamese message `text` is, or null: a refusal must be one of the app's own
 * sentences (not a raw key, an English platform text or a stack), and not the "unexpected
 * error" one, which is what a crash looks like to a person.
 */
export function vietnameseKey(text: unknown): string | null {
	if (typeof text !== 'string' || text.trim() === '') return null;
	if (!seen.has(text)) {
		const hit = catalog.find((m) => m.re.test(text));
		seen.set(text, hit && !/\.(unexpected|internal)$/.test(hit.key) ? hit.key : null);
	}
	return seen.get(text) ?? null;
}
/** Refusals repeat the same few sentences thousands of times: match each once. */
const seen = new Map<string, string | null>();

/**
 * Tables that change on a refused request by design, left out of the fingerprint:
 * - login_attempts: the sign-in lock-out and the invitation-link throttle count each failed try
 *   there (that is how they work: a failure that left no trace could be retried for ever).
 */
export const VOLATILE_TABLES = new Set(['login_attempts']);

/**
 * A hash per table, every table but the volatile ones (so a table added later is covered
 * without a change here), plus the names of the stored upload files: compared before and
 * after, a difference names the table that changed.
 */
export function stateFingerprint(dbFile: string, uploadDir?: string): Record<string, string> {
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	const out: Record<string, string> = {};
	try {
		const tables = db
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		for (const { name } of tables) {
			if (VOLATILE_TABLES.has(name)) continue;
			const rows = db.prepare(`select * from "${name}"`).raw().all();
			const lines = rows.map((r) => JSON.stringify(r, (_k, v) => toJson(v))).sort();
			out[name] = `${rows.length} rows ${sha256(lines.join('\n')).slice(0, 16)}`;
		}
	} finally {
		db.close();
	}
	if (uploadDir && existsSync(uploadDir))
		out['(uploads)'] = readdirSync(uploadDir).sort().join(',');
	return out;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function toJson(v: unknown): unknown {
	if (typeof v === 'bigint') return `${v}n`;
	if (Buffer.isBuffer(v)) return v.toString('base64');
	return v;
}

const SPECIAL = [
	'',
	' ',
	'\u0000',
	'\u0000\u0000admin',
	'null',
	'undefined',
	'NaN',
	'Infinity',
	'-1',
	'0',
	'-0',
	'1e308',
	'9007199254740993',
	'0x10',
	'[]',
	'{}',
	'{"__proto__":{"admin":true}}',
	'__proto__',
	'constructor',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'../../../../etc/passwd',
	'..\\..\\windows\\win.ini',
	'%00',
	'%2e%2e%2f',
	'\u202e\u0644\u0627',
	'\ud800',
	'Ａｄｍｉｎ',
	'٣٤',
	'🙂'.repeat(50),
	'a'.repeat(5000)
];

/**
 * Dates of the forms' shape (YYYY-MM-DD) that are no day: `new Date()` of them is Invalid Date,
 * or `Date.parse` quietly reads another day (2026-02-30 as 2 March). Found from outside: five
 * actions answered 500 to these.
 */
export const impossibleDate: fc.Arbitrary<string> = fc.constantFrom(
	'2026-13-45',
	'2026-00-00',
	'2026-02-30',
	'2026-02-29',
	'2026-04-31',
	'2026-99-99',
	'0000-00-00',
	'2026-12-32'
);

/**
 * The most a junk string takes once JSON-encoded: a repeated grapheme can be dozens of bytes
 * (a family emoji, stacked accents), so 2,000 of them could pass 64 KiB, which closes a socket
 * on purpose (its own test), and then every case after it on that connection reads as a failure.
 */
const JUNK_TEXT_BYTES = 8 * 1024;
const jsonBytes = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;

/**
 * Strings people and scripts should never send: odd unicode, lone surrogates, NULs, numbers out
 * of range, up to 8 KiB as JSON (oversized bodies are the HTTP test's own case).
 */
export const junkText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
	{ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
	{ weight: 1, arbitrary: fc.double().map(String) },
	{ weight: 1, arbitrary: fc.bigInt().map(String) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.nat(2000))
			.map(([s, n]) => s.repeat(Math.min(n, Math.floor(JUNK_TEXT_BYTES / jsonBytes(s)))))
	}
);

/** Route parameters and record ids that match nothing: traversal, very long, odd bytes. */
export function junkId(real: readonly string[]): fc.Arbitrary<string> {
	return fc
		.oneof(
			junkText,
			fc.uuid(),
			fc.nat().map(String),
			fc.constantFrom('..', '../..', '%2e%2e', '....//....//', '/etc/passwd', 'a'.repeat(3000)),
			fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 })
		)
		.filter((s) => s.trim() !== '' && !real.includes(s.trim()));
}
