// PDF downloads while the tick load runs, in their own process on core 1: `concurrency`
// requests always in flight, each for a document not requested before in the run (the paths
// cycle through more documents than the server's PDF cache holds), so each one renders.
// Input: JSON file path in argv[2]: { url, cookie, paths, concurrency, durationMs }.
// Renders one document, waits for SIGUSR2 (the measured window), then runs for durationMs.
// Output: one JSON line.
import { readFileSync } from 'node:fs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ms = [];
let errors = 0;
let bytes = 0;
const statuses = {};
let next = 0;

const signalled = new Promise((resolve) => process.once('SIGUSR2', resolve));
// One render before the window (the last document of the cycle, reached last if at all): the
// first loads the fonts and warms the renderer, a one-off per server start, not the steady cost.
await fetch(plan.url + plan.paths[plan.paths.length - 1], { headers: { cookie: plan.cookie } })
	.then((res) => res.arrayBuffer())
	.catch(() => {});
process.stderr.write('ready\n');
// A pending signal keeps nothing alive: without a timer Node would exit here (code 13).
const alive = setInterval(() => {}, 1000);
await signalled;
clearInterval(alive);
const started = performance.now();
const end = started + plan.durationMs;

async function worker() {
	while (performance.now() < end) {
		const path = plan.paths[next++ % plan.paths.length];
		const t = performance.now();
		try {
			const res = await fetch(plan.url + path, { headers: { cookie: plan.cookie } });
			const body = Buffer.from(await res.arrayBuffer());
			statuses[res.status] = (statuses[res.status] ?? 0) + 1;
			const isPdf = body.subarray(0, 5).toString('latin1') === '%PDF-';
			if (!res.ok || !isPdf) errors++;
			else {
				ms.push(performance.now() - t);
				bytes += body.length;
			}
		} catch {
			errors++;
		}
	}
}

await Promise.all(Array.from({ length: plan.concurrency }, worker));
ms.sort((a, b) => a - b);
const q = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] : null);
process.stdout.write(
	JSON.stringify({
		concurrency: plan.concurrency,
		n: ms.length,
		distinct: Math.min(next, plan.paths.length),
		perSecond: ms.length / ((performance.now() - started) / 1000),
		p50: q(0.5),
		p99: q(0.99),
		meanKiB: ms.length ? bytes / ms.length / 1024 : null,
		errors,
		statuses
	}) + '\n'
);
process.exit(0);
