#!/usr/bin/env node
// `node bench/rerender.js <data.json> [out]`: BENCHMARKS.md again from a run's figures (saved
// with BENCH_DATA=<file> npm run bench), after a change to the report or to how the targets
// are judged, without measuring again.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './report.js';
import { medianRun, summarize } from './summary.js';

const [file, out = 'BENCHMARKS.md'] = process.argv.slice(2);
if (!file) {
	process.stderr.write('usage: node bench/rerender.js <data.json> [out]\n');
	process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8'));
// The runs are the measurements; which of them stands is the report's rule, taken anew.
for (const [kind, runs] of Object.entries(data.runs ?? {})) data.median[kind] = medianRun(runs);
if (data.documentsRuns?.length) data.documents = medianRun(data.documentsRuns);
if (data.publicationRuns?.length) data.publication = data.publicationRuns.map(medianRun);
const summary = summarize(data);
writeFileSync(out, renderReport(data, summary));
console.log(JSON.stringify(summary));
