// What each page the member and the public open runs before anything lazy, read from the build's
// manifest (`npx vite build` first). Lighthouse's scores moved with the size of this first
// JavaScript: Yjs on the live sitting page (it came with the in-room scorecard and board) took a
// third of its script, both languages' messages a quarter of every page's, and LiveKit's client
// would be three times all that. A regression check that
// does not depend on the machine's load, unlike Lighthouse's blocking time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialFiles } from '../../bench/bundles.js';

const OUT = process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit';
const ROUTES = {
	sitting: 'src/routes/sittings/[id]/+page.svelte',
	scorecard: 'src/routes/sittings/[id]/items/[itemId]/score/+page.svelte',
	board: 'src/routes/sittings/[id]/items/[itemId]/board/+page.svelte',
	memberHome: 'src/routes/member/+page.svelte',
	results: 'src/routes/results/+page.svelte',
	product: 'src/routes/results/[seq]/+page.svelte'
};
// Names that survive minification (a class's message, a property): one per library.
const MARKS = {
	yjs: '_transactionCleanups',
	liveKit: 'LivekitError',
	socketIo: 'parser error',
	// One message of each language (meeting.json's "item"), as the minifier keeps a string.
	english: 'Product {{position}}',
	vietnamese: 'Sản phẩm {{position}}'
};

function first(route: keyof typeof ROUTES) {
	const page = initialFiles(OUT, ROUTES[route]);
	if (!page) throw new Error(`no build in ${OUT}: run npx vite build first`);
	return {
		has: (mark: keyof typeof MARKS) =>
			page.files.filter((f: string) => page.read(f).includes(MARKS[mark])),
		/** The same, in what the page imports later (its dynamic imports). */
		later: (mark: keyof typeof MARKS) =>
			page.lazy.filter((f: string) => page.read(f).includes(MARKS[mark]))
	};
}

describe("the first JavaScript of the member's and the public's pages", () => {
	it('the markers find their library in this build (else the checks below prove nothing)', () => {
		expect(first('scorecard').later('yjs')).not.toEqual([]);
		expect(first('scorecard').later('socketIo')).not.toEqual([]);
		expect(first('sitting').later('socketIo')).not.toEqual([]);
		const lazy = initialFiles(OUT, ROUTES.results)!;
		const messages = [...lazy.files, ...lazy.lazy].filter((f: string) =>
			lazy.read(f).includes(MARKS.vietnamese)
		);
		expect(messages).not.toEqual([]);
		const chunks = join(OUT, 'output', 'client', '_app', 'immutable', 'chunks');
		const liveKit = readdirSync(chunks).filter((f) =>
			readFileSync(join(chunks, f), 'utf8').includes(MARKS.liveKit)
		);
		expect(liveKit).not.toEqual([]);
	});

	it('the live sitting loads Yjs only when a scorecard or the board opens in the room', () => {
		expect(first('sitting').has('yjs')).toEqual([]);
	});

	it('the live pages come to life before Yjs and socket.io load (they were their longest task)', () => {
		expect(first('sitting').has('socketIo')).toEqual([]);
		for (const route of ['scorecard', 'board'] as const) {
			expect(first(route).has('yjs'), route).toEqual([]);
			expect(first(route).has('socketIo'), route).toEqual([]);
			expect(first(route).later('yjs'), route).not.toEqual([]);
			expect(first(route).later('socketIo'), route).not.toEqual([]);
		}
	});

	it("no page loads LiveKit's client before the video opens", () => {
		for (const route of Object.keys(ROUTES) as (keyof typeof ROUTES)[])
			expect(first(route).has('liveKit'), route).toEqual([]);
	});

	it("Vietnamese comes with every page's first JavaScript, English only to its readers", () => {
		// Vietnamese is every reader's (the fallback of an English reader): preloaded from the
		// page's head, not asked for once the app's script runs, a round trip later.
		for (const route of ['sitting', 'scorecard', 'board', 'memberHome'] as const) {
			expect(first(route).has('vietnamese'), route).not.toEqual([]);
			expect(first(route).has('english'), route).toEqual([]);
			expect(first(route).later('english'), route).not.toEqual([]);
		}
	});

	it("the reader's messages come as JSON for V8's JSON parser, none as an object literal", () => {
		// server/vite-messages.js: a literal goes through the full JavaScript parser, 80 kB of it
		// one long task on a phone. Every area file of both languages is a JSON.parse string.
		const page = initialFiles(OUT, ROUTES.scorecard)!;
		for (const [lang, mark] of [
			['vi', MARKS.vietnamese],
			['en', MARKS.english]
		] as const) {
			const files = readdirSync(join('src/lib/i18n/messages', lang));
			const chunk = [...page.files, ...page.lazy].find((f: string) => page.read(f).includes(mark));
			expect(chunk, lang).toBeDefined();
			const code: string = page.read(chunk!);
			const parsed = code.match(/JSON\.parse\((`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")\)/g) ?? [];
			expect(parsed.length, lang).toBe(files.length);
			const rest = parsed.reduce((c, p) => c.replace(p, ''), code);
			expect(rest, lang).not.toContain(mark);
			// Vietnamese shares its chunk with the translator's code: no message text is left
			// outside the JSON strings (messages in a literal would bring their letters with them).
			expect(rest, lang).not.toMatch(/[\u00C0-\u1EF9]/);
			if (lang === 'en') expect(rest.length, lang).toBeLessThan(2000);
		}
	});

	it("the member's home and the public pages load neither a socket nor Yjs", () => {
		for (const route of ['memberHome', 'results', 'product'] as const) {
			expect(first(route).has('yjs'), route).toEqual([]);
			expect(first(route).has('socketIo'), route).toEqual([]);
		}
	});
});
