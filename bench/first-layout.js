// What a page's first paint waits for, in a fresh browser, measured faster and finer than
// Lighthouse can: Lighthouse's mobile score moves 93–99 between runs of one build here, and its
// trace leaves out the font lookups. Each load is a new Chromium (mobile viewport, signed in as
// the page needs), traced with Blink's `fonts` category; per load it prints the layout time
// before the first full paint, the font lookups (how many, and the synchronous calls to the
// browser process they made: family matches and render styles) and the longest main-thread task.
// This is how the scorecard's first layout was found to be mostly font lookups (src/app.css).
//
//   node bench/first-layout.js [page…] [--runs N]      pages: score, board, sitting, member,
//                                                        results, product (default: score)
// BUILD_DIR=<dir> measures another build (build a change into a second directory and run both,
// alternately: one load's figures move 2× from load to load on a shared machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { register } from 'tsx/esm/api';
import { CHROMIUM_FLAGS } from './chromium.js';
import { startServer, stop } from './servers.js';

register();
const { seedBench, seedResults } = await import('./seed.ts');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const wanted = args.length ? args : ['score'];

const CATEGORIES = [
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'loading',
	'fonts'
].join(',');

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};
const ms = (events, name) =>
	events.filter((e) => e.name === name).reduce((a, e) => a + e.dur, 0) / 1000;

const LAUNCH = {
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: CHROMIUM_FLAGS
};

/** A new Chromium; a start that crashes (about one in forty here) is tried once more. */
const launch = () => chromium.launch(LAUNCH).catch(() => chromium.launch(LAUNCH));

/** One load of `url` in a new browser; the figures of its trace. */
async function load(url, cookie) {
	const browser = await launch();
	try {
		// Lighthouse's mobile screen.
		const context = await browser.newContext({
			viewport: { width: 412, height: 823 },
			deviceScaleFactor: 1.75,
			isMobile: true,
			hasTouch: true
		});
		if (cookie) {
			const [name, value] = cookie.split('=');
			await context.addCookies([{ name, value, url }]);
		}
		const page = await context.newPage();
		// As Lighthouse does: the run starts from a page of the same origin.
		await page.goto(new URL('/healthz', url).href);
		const cdp = await context.newCDPSession(page);
		const events = [];
		cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
		const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
		await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForTimeout(2000);
		await cdp.send('Tracing.end');
		await complete;
		const main = events.find((e) => e.name === 'Layout');
		const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
		// The first paint of the page's content (the page before it, /healthz, paints too).
		const paint = mine
			.filter((e) => e.name === 'Paint' && e.ts > (main?.ts ?? 0))
			.sort((a, b) => a.ts - b.ts)[0];
		const before = mine.filter((e) => paint && e.ts < paint.ts);
		const tasks = mine.filter(
			(e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'
		);
		return {
			layoutMs: ms(before, 'Layout'),
			lookups: before.filter((e) => e.name === 'FontCache::GetFontPlatformData').length,
			lookupMs: ms(before, 'FontCache::GetFontPlatformData'),
			matches: before.filter((e) => e.name === 'FontDataManager::onMatchFamilyStyle').length,
			strikes: before.filter(
				(e) => e.name === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike'
			).length,
			longestTaskMs: Math.max(0, ...tasks.map((e) => e.dur / 1000))
		};
	} finally {
		await browser.close();
	}
}

const dir = mkdtempSync(join(tmpdir(), 'ocop-first-layout-'));
let server = null;
try {
	const sittings = seedBench(join(dir, 'ocop.db'), 1, 15);
	const [seq] = seedResults(join(dir, 'ocop.db'), sittings);
	server = await startServer('app', dir);
	const s = sittings[0];
	const item = `/sittings/${s.sittingId}/items/${s.itemId}`;
	const member = s.members[0].cookie;
	const PAGES = {
		score: { path: `${item}/score`, cookie: member },
		board: { path: `${item}/board`, cookie: s.chairCookie },
		sitting: { path: `/sittings/${s.sittingId}`, cookie: member },
		member: { path: '/member', cookie: member },
		results: { path: '/results' },
		product: { path: `/results/${seq}` }
	};
	// The app renders the public pages ahead after it starts: not inside the first load.
	await new Promise((resolve) => setTimeout(resolve, 5000));
	for (const name of wanted) {
		const p = PAGES[name];
		if (!p) throw new Error(`unknown page ${name} (${Object.keys(PAGES).join(', ')})`);
		const rows = [];
		for (let i = 0; i < RUNS; i++) rows.push(await load(server.url + p.path, p.cookie));
		for (const r of rows)
			console.log(
				`${name}: layout before paint ${r.layoutMs.toFixed(1)} ms; font lookups ${r.lookups} (${r.lookupMs.toFixed(1)} ms; ${r.matches} family matches, ${r.strikes} render styles); longest task ${r.longestTaskMs.toFixed(1)} ms`
			);
		console.log(
			JSON.stringify({
				page: name,
				runs: RUNS,
				layout_before_paint_ms_median: median(rows.map((r) => r.layoutMs)),
				font_lookups_median: median(rows.map((r) => r.lookups)),
				font_lookup_ms_median: median(rows.map((r) => r.lookupMs))
			})
		);
	}
} finally {
	if (server) await stop(server.child);
	rmSync(dir, { recursive: true, force: true });
}
