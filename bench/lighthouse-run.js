// Lighthouse (mobile profile, its default: a mid-range phone on a slow 4G link, simulated) on
// the pages a member and the public open, in Chromium. Run pinned to core 1 (Chromium inherits
// it); the app is idle on core 0.
// Input: JSON file path in argv[2]: { pages: [{ name, url, cookie }], chromePath }.
// Output: one JSON line: [{ name, path, performance, accessibility, timings… }].
// LIGHTHOUSE_REPORT_DIR=<dir> also keeps each page's full report (which scripts took the main
// thread, the layout shifts, the LCP element), to say why a score moved.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const TIMINGS = {
	fcpMs: 'first-contentful-paint',
	lcpMs: 'largest-contentful-paint',
	tbtMs: 'total-blocking-time',
	speedIndexMs: 'speed-index',
	ttiMs: 'interactive'
};

const out = [];
for (const page of plan.pages) {
	// A fresh browser per page: no cache or service worker carried from one page to the next.
	const chrome = await chromeLauncher.launch({ chromePath: plan.chromePath, chromeFlags: FLAGS });
	try {
		const r = await lighthouse(page.url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility'],
			// Signed in: the session cookie on every request, as the browser would send it.
			extraHeaders: page.cookie ? { cookie: page.cookie } : undefined
		});
		const lhr = r.lhr;
		const reports = process.env.LIGHTHOUSE_REPORT_DIR;
		if (reports) {
			mkdirSync(reports, { recursive: true });
			writeFileSync(join(reports, `${page.name.replace(/\W+/g, '-')}.json`), JSON.stringify(lhr));
		}
		const row = {
			name: page.name,
			path: new URL(page.url).pathname,
			finalPath: new URL(lhr.finalDisplayedUrl).pathname,
			performance: lhr.categories.performance.score,
			accessibility: lhr.categories.accessibility.score,
			cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? null,
			runtimeError: lhr.runtimeError?.message ?? null,
			// The accessibility audits that failed, to say what to fix.
			failedA11y: lhr.categories.accessibility.auditRefs
				.filter((a) => a.weight > 0 && lhr.audits[a.id]?.score === 0)
				.map((a) => a.id)
		};
		for (const [k, id] of Object.entries(TIMINGS)) row[k] = lhr.audits[id]?.numericValue ?? null;
		out.push(row);
		process.stderr.write(
			`[lighthouse] ${page.name}: perf ${row.performance}, a11y ${row.accessibility}\n`
		);
	} catch (e) {
		out.push({ name: page.name, path: new URL(page.url).pathname, error: String(e).slice(0, 300) });
	} finally {
		await chrome.kill();
	}
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
