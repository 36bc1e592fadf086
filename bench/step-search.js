// The search for the most sittings a server holds (bench/ticks.js runs the steps).
import { measured } from './summary.js';

/** A step that holds: its generator kept up, p99 ≤ 100 ms and ≥ 99.9 % of the ticks delivered. */
export const holds = (r) =>
	measured(r) && r.p99 !== null && r.p99 <= 100 && r.deliveryRatio >= 0.999;

/**
 * The largest step that holds, from a run at the first step (`first`, the tick phase's median
 * run) upwards; `run(sittings)` runs one step. A step that does not hold is run once more before
 * it counts, whatever the reason: a run whose generator lagged timed the generator, and one run's
 * p99 can be one burst of the machine's (the app read 78 ms at 500 sittings and 3.9 ms at 600 in
 * one search; a burst past 100 ms would have ended it there). The same rule for every server. A
 * step whose sockets would not open is not run again: it would fail the same way. A search that
 * ends at a step that could not be measured (sockets that would not open, a generator that
 * lagged twice) found only a lower bound; `bounded` says so.
 */
export async function searchSteps(run, first, steps) {
	const runs = [first];
	if (!holds(first)) return { max: 0, runs, bounded: !measured(first) };
	let best = first.sittings;
	for (const s of steps.filter((x) => x > first.sittings)) {
		let r = await run(s);
		if (!r.failed && !holds(r)) {
			runs.push(r);
			r = await run(s);
		}
		runs.push(r);
		if (!holds(r)) return { max: best, runs, bounded: !measured(r) };
		best = s;
	}
	return { max: best, runs, bounded: false };
}
