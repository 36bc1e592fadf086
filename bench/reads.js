// Read load on the public pages, in its own process on core 1.
// Input: JSON file path in argv[2]:
//   { mode: 'rate', url, rate, durationMs, list: '/results', products: ['/results/1', …], vegeta,
//     dir }: waits for SIGUSR2 (the tick load's measured window), then requests the list at
//     rate/2 and the product pages (cycling) at rate/2 per second, each a fixed-rate, open-loop
//     vegeta attack (bench/vegeta.js says why not autocannon's rate);
//   { mode: 'max', url, path, durationMs, connections }: as many requests as the server answers,
//     with autocannon (closed loop: each connection sends its next request on an answer).
// Output: one JSON line on stdout.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const figures = (r) => ({
	requests: r.requests.total,
	perSecond: r.requests.total / (r.duration || plan.durationMs / 1000),
	p50: r.latency.p50,
	p99: r.latency.p99,
	max: r.latency.max,
	// Refused or dropped connections and timeouts (autocannon counts both in `errors`) and any
	// answer other than 2xx.
	errors: r.errors + r.non2xx,
	timeouts: r.timeouts,
	non2xx: r.non2xx
});

/**
 * A fixed rate, open loop: vegeta sends request i at i ÷ rate seconds whatever the answers before
 * it are doing (more connections when they are busy), cycling through `paths`, and reports the
 * latency of each from its send. One process per page kind; Go on one thread, like the server.
 */
async function atRate(paths, rate, tag) {
	const targets = join(plan.dir, `targets-${tag}.txt`);
	const results = join(plan.dir, `results-${tag}.bin`);
	writeFileSync(targets, paths.map((p) => `GET ${plan.url}${p}`).join('\n') + '\n');
	await run(plan.vegeta, [
		'attack',
		`-rate=${rate}/1s`,
		`-duration=${plan.durationMs}ms`,
		`-targets=${targets}`,
		`-output=${results}`,
		'-timeout=10s',
		// As autocannon and nginx's anchor: the page's bytes as they are, no compression.
		'-header=Accept-Encoding: identity'
	]);
	const report = JSON.parse(await run(plan.vegeta, ['report', '-type=json', results]));
	const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
	const ok = Object.entries(report.status_codes ?? {})
		.filter(([code]) => code.startsWith('2'))
		.reduce((a, [, n]) => a + n, 0);
	return {
		requests: report.requests,
		// Answers per second of the attack (vegeta's throughput: successful answers ÷ time).
		perSecond: report.throughput,
		p50: ms(report.latencies['50th']),
		p99: ms(report.latencies['99th']),
		max: ms(report.latencies.max),
		// Refused connections, timeouts and any answer other than 2xx.
		errors: report.requests - ok,
		statuses: report.status_codes,
		firstErrors: (report.errors ?? []).slice(0, 3)
	};
}

function run(cmd, argv) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, argv, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, GOMAXPROCS: '1' }
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`vegeta ${argv[0]}: ${err.slice(-300)}`))
		);
	});
}

if (plan.mode === 'max') {
	const r = await autocannon({
		url: plan.url + plan.path,
		connections: plan.connections,
		duration: plan.durationMs / 1000
	});
	process.stdout.write(JSON.stringify(figures(r)) + '\n');
} else {
	const signalled = new Promise((resolve) => process.once('SIGUSR2', resolve));
	process.stderr.write('ready\n');
	// A pending signal keeps nothing alive: without a timer Node would exit here (code 13).
	const alive = setInterval(() => {}, 1000);
	await signalled;
	clearInterval(alive);
	const [list, product] = await Promise.all([
		atRate([plan.list], plan.rate / 2, 'list'),
		atRate(plan.products, plan.rate / 2, 'product')
	]);
	process.stdout.write(JSON.stringify({ rate: plan.rate, list, product }) + '\n');
}
process.exit(0);
