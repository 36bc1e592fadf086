// Read load on the public pages with autocannon, in its own process on core 1.
// Input: JSON file path in argv[2]:
//   { mode: 'rate', url, rate, durationMs, list: '/results', products: ['/results/1', …] }
//     waits for SIGUSR2 (the tick load's measured window), then requests the list at rate/2 and
//     the product pages (cycling) at rate/2 per second, each a fixed-rate autocannon instance;
//   { mode: 'max', url, path, durationMs, connections }: as many requests as the server answers.
// Output: one JSON line on stdout.
import { readFileSync } from 'node:fs';
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
 * A fixed rate. autocannon is a closed loop per connection: a connection waits for its answer
 * before the next request, so there are enough connections (one per 10 requests/s) that the
 * rate is kept even when answers take 100 ms.
 */
function atRate(paths, rate) {
	let k = 0;
	return autocannon({
		url: plan.url,
		connections: Math.max(2, Math.ceil(rate / 10)),
		overallRate: rate,
		duration: plan.durationMs / 1000,
		requests: [{ setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }]
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
		atRate([plan.list], plan.rate / 2),
		atRate(plan.products, plan.rate / 2)
	]);
	process.stdout.write(
		JSON.stringify({ rate: plan.rate, list: figures(list), product: figures(product) }) + '\n'
	);
}
process.exit(0);
