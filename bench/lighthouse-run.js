// Lighthouse (mobile profile, its default: a mid-range phone on a slow 4G link, simulated) on
// the pages a member and the public open, in Chromium. Run on both cores (bench/lighthouse.js);
// the app is idle on core 0.
// Input: JSON file path in argv[2]: { pages: [{ name, url, cookie }], chromePath }.
// Output: one JSON line: [{ name, path, performance, accessibility, timings… }].
// LIGHTHOUSE_REPORT_DIR=<dir> also keeps each page's full report (which scripts took the main
// thread, the layout shifts, the LCP element), to say why a score moved; LIGHTHOUSE_TRACE_DIR=<dir>
// keeps each page's Chromium trace (what a long task did, for the DevTools performance panel).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_FLAGS } from './chromium.js';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const TIMINGS = {
	fcpMs: 'first-contentful-paint',
	lcpMs: 'largest-contentful-paint',
	tbtMs: 'total-blocking-time',
	speedIndexMs: 'speed-index',
	ttiMs: 'interactive'
};

// Each page is measured RUNS times and the run with the median performance score stands, as
// Lighthouse's own guidance on variability advises (docs/variability.md: the median of five runs
// about halves the spread): on this machine one page's blocking time moved 300 → 1,200 ms
// between two runs of the same build, and the scorecard's score 93–99 within one bench run,
// with Lighthouse's CPU benchmark of the machine moving 1,600–3,200 between runs.
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 5));

/**
 * A browser that goes away in the middle of a run (its debugging port refused once in about 35
 * runs here) threw from a socket's callback, outside any promise, and took the whole phase with
 * it: every page's figures were lost. While a run is under way such an error ends that run, as a
 * failed one; the page's median comes from the others.
 */
let failCurrent = null;
process.on('uncaughtException', (e) => {
	if (!failCurrent) {
		process.stderr.write(`${e?.stack ?? e}\n`);
		process.exit(1);
	}
	failCurrent(e);
});

async function measure(page) {
	let chrome = null;
	const failed = new Promise((_resolve, reject) => (failCurrent = reject));
	failed.catch(() => {});
	try {
		// A fresh browser per run: no cache or service worker carried from one run to the next.
		chrome = await Promise.race([
			chromeLauncher.launch({ chromePath: plan.chromePath, chromeFlags: CHROMIUM_FLAGS }),
			failed
		]);
		const lighthouseRun = lighthouse(page.url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility'],
			...(page.blankPage ? { blankPage: page.blankPage } : {}),
			// Signed in: the session cookie on every request, as the browser would send it.
			extraHeaders: page.cookie ? { cookie: page.cookie } : undefined
		});
		// Once the run has failed, its own promise may still reject later: nobody waits for it.
		lighthouseRun.catch(() => {});
		const r = await Promise.race([lighthouseRun, failed]);
		const lhr = r.lhr;
		const row = {
			name: page.name,
			path: new URL(page.url).pathname,
			finalPath: new URL(lhr.finalDisplayedUrl).pathname,
			performance: lhr.categories.performance.score,
			accessibility: lhr.categories.accessibility.score,
			benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
			cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? null,
			runtimeError: lhr.runtimeError?.message ?? null,
			// The accessibility audits that failed, to say what to fix.
			failedA11y: lhr.categories.accessibility.auditRefs
				.filter((a) => a.weight > 0 && lhr.audits[a.id]?.score === 0)
				.map((a) => a.id)
		};
		for (const [k, id] of Object.entries(TIMINGS)) row[k] = lhr.audits[id]?.numericValue ?? null;
		process.stderr.write(
			`[lighthouse] ${page.name}: perf ${row.performance}, a11y ${row.accessibility}, ` +
				`FCP ${Math.round(row.fcpMs)} ms, TBT ${Math.round(row.tbtMs)} ms\n`
		);
		return { row, lhr, trace: r.artifacts?.Trace };
	} catch (e) {
		process.stderr.write(`[lighthouse] ${page.name}: run failed: ${String(e).slice(0, 200)}\n`);
		return {
			row: { name: page.name, path: new URL(page.url).pathname, error: String(e).slice(0, 300) }
		};
	} finally {
		failCurrent = null;
		chrome?.kill();
	}
}

const out = [];
for (const page of plan.pages) {
	const runs = [];
	for (let i = 0; i < RUNS; i++) runs.push(await measure(page));
	const ok = runs.filter((r) => !r.row.error).sort((a, b) => a.row.performance - b.row.performance);
	if (!ok.length) {
		out.push(runs[0].row);
		continue;
	}
	const median = ok[Math.floor((ok.length - 1) / 2)];
	median.row.runs = ok.map((r) => r.row.performance);
	const reports = process.env.LIGHTHOUSE_REPORT_DIR;
	if (reports && median.lhr) {
		mkdirSync(reports, { recursive: true });
		writeFileSync(
			join(reports, `${page.name.replace(/\W+/g, '-')}.json`),
			JSON.stringify(median.lhr)
		);
	}
	const traces = process.env.LIGHTHOUSE_TRACE_DIR;
	if (traces && median.trace) {
		mkdirSync(traces, { recursive: true });
		writeFileSync(
			join(traces, `${page.name.replace(/\W+/g, '-')}.trace.json`),
			JSON.stringify(median.trace)
		);
	}
	out.push(median.row);
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
