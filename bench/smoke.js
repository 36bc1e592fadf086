#!/usr/bin/env node
// Smoke run of `npm run bench`: every phase end to end at a tiny scale (5 sittings × 3 members,
// 2-second windows, 20 and 40 page views/s twice each, 4 PDFs at once), then checks that each phase
// produced its figures. The figures themselves mean nothing at this scale or on a busy machine;
// this shows the harness works before a full run on an idle one. Exits non-zero on a gap.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-smoke-'));
const md = join(dir, 'BENCHMARKS.md');
const argv = [
	'bench/run.js',
	...['--sittings', '5', '--members', '3', '--warmup-ms', '500', '--measure-ms', '2000'],
	...['--repeat', '1', '--steps', '5,8', '--rates', '20,40', '--pdfs', '4'],
	...['--publication-repeat', '2'],
	...['--anchor-ms', '1000', '--probe-sittings', '2', '--out', md],
	...process.argv.slice(2)
];
const started = Date.now();
const r = spawnSync(process.execPath, argv, {
	stdio: ['ignore', 'pipe', 'inherit'],
	encoding: 'utf8'
});
const seconds = Math.round((Date.now() - started) / 1000);
if (r.status !== 0) {
	console.error(`smoke: bench/run.js failed (${r.status})`);
	process.exit(1);
}
const s = JSON.parse(r.stdout.trim().split('\n').pop());
const text = readFileSync(md, 'utf8');
rmSync(dir, { recursive: true, force: true });

const num = (v) => typeof v === 'number' && Number.isFinite(v);
const checks = {
	'ticks: app and y-websocket figures': num(s.p99_ms) && num(s.reference_y_websocket_p99_ms),
	'hocuspocus: figures': num(s.reference_hocuspocus_p99_ms),
	'floors: a relay of each protocol':
		num(s.floor_app_protocol_p99_ms) && num(s.floor_y_websocket_protocol_p99_ms),
	'closing: close and submit probes': num(s.close_p99_ms) && num(s.submit_p99_ms),
	'search: max sittings of the three servers':
		num(s.max_sittings) &&
		num(s.reference_y_websocket_max_sittings) &&
		num(s.reference_hocuspocus_max_sittings),
	'publication: page figures at every rate, no errors':
		s.publication?.length === 2 &&
		s.publication.every((p) => num(p.product_p99_ms) && num(p.list_p99_ms) && p.errors === 0),
	'publication: every rate run twice, the median run standing': s.publication?.every(
		(p) => p.tick_p99_runs_ms?.length === 2 && p.tick_p99_runs_ms.includes(p.tick_p99_ms)
	),
	'publication: nginx anchor': num(s.static_throughput_fraction) && s.nginx_page_per_second > 0,
	'documents: PDFs rendered, no errors':
		s.pdfs_rendered > 0 && s.pdf_errors === 0 && num(s.p99_ms_with_pdfs),
	'lighthouse: scores of every page':
		Array.isArray(s.lighthouse) &&
		s.lighthouse.length === 6 &&
		s.lighthouse.every((p) => num(p.performance) && num(p.accessibility)),
	'report: every section written': [
		'## Targets',
		'## Live scoring',
		'Floors: ',
		'## Submit, close',
		'## Largest number',
		'## Publication day',
		'## Documents during sittings',
		"## In the member's browser",
		'## Bundle sizes'
	].every((h) => text.includes(h))
};
for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
console.log(`smoke: ${seconds} s; summary: ${JSON.stringify(s)}`);
process.exit(Object.values(checks).every(Boolean) ? 0 : 1);
