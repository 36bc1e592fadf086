import { describe, expect, it } from 'vitest';
import { socketsPerSitting } from '../../bench/servers.js';
import { ceiling, summarize as summarizeRun } from '../../bench/summary.js';

/**
 * How bench/summary.js reads two targets against what bounds them on this machine: the sittings
 * target against a reference whose step search ended at the open-file cap (what it held is a
 * lower bound, the cap its ceiling, and the target is read against the ceiling, never against
 * the lower bound), and the tick target beside the floor a relay doing nothing reads.
 */
type Run = { sittings: number; p99?: number; valid?: boolean; failed?: string };
const held = (sittings: number, p99: number): Run => ({ sittings, p99, valid: true });
const capped = (sittings: number): Run => ({
	sittings,
	failed: 'connect EMFILE 127.0.0.1:40123 - Local (undefined:undefined)'
});
const lagged = (sittings: number): Run => ({ sittings, p99: 40, valid: false });

function data(app: { max: number; runs: Run[] }, ref: { max: number; runs: Run[] }, fd = 20000) {
	const tick = (p99: number) => ({ p99, valid: true, deliveryRatio: 1 });
	return {
		cfg: { N: 15, S: 300, quick: false, selected: ['ticks', 'search'] },
		median: { app: tick(3), reference: tick(5) },
		runs: { app: [tick(3)], reference: [tick(5)] },
		search: {
			app: { ...app, bounded: true },
			reference: { ...ref, bounded: !ref.runs.at(-1)!.valid }
		},
		versions: { fdLimit: fd }
	};
}
type Target = { name: string; goal: string; value: number | null; met: boolean | null };
type Summary = {
	targets: Target[];
	reference_max_sittings: number | null;
	reference_max_sittings_lower_bound: boolean | null;
	reference_max_sittings_ceiling: number | null;
};
const summarize = (d: ReturnType<typeof data>) => summarizeRun(d) as unknown as Summary;
const target = (s: Summary) => s.targets.find((t) => t.name.startsWith('sittings'))!;

describe('bench: sittings held against a reference stopped by the open-file cap', () => {
	it('counts the stock protocol’s sockets per sitting', () => {
		expect(socketsPerSitting('reference', 15)).toBe(47);
		expect(socketsPerSitting('app', 15)).toBe(17);
		expect(socketsPerSitting('hocuspocus', 15)).toBe(17);
	});

	it('reads the app against the ceiling the cap puts on the reference', () => {
		const d = data(
			{ max: 900, runs: [held(300, 3), held(900, 12.6), capped(1200)] },
			{ max: 400, runs: [held(300, 5), held(400, 12.6), capped(450)] }
		);
		// 20000 open files ÷ 47 sockets: 425 sittings at most, below the step that failed (450).
		expect(ceiling(d.search.reference, 'reference', d)).toBe(425);
		const s = summarize(d);
		expect(s.reference_max_sittings).toBe(400);
		expect(s.reference_max_sittings_lower_bound).toBe(true);
		expect(s.reference_max_sittings_ceiling).toBe(425);
		expect(target(s)).toMatchObject({ value: 2.12, met: true });
		expect(target(s).goal).toContain('at most 425');
	});

	it('is not met when the app holds less than twice the ceiling', () => {
		const d = data(
			{ max: 800, runs: [held(300, 3), held(800, 20), lagged(900)] },
			{ max: 400, runs: [held(300, 5), held(400, 12.6), capped(450)] }
		);
		expect(target(summarize(d))).toMatchObject({ value: 1.88, met: false });
	});

	it('takes the failed step as the ceiling when it comes before the cap’s', () => {
		const d = data(
			{ max: 900, runs: [held(300, 3), held(900, 12.6)] },
			{ max: 350, runs: [held(300, 5), held(350, 9), capped(400)] },
			1_000_000
		);
		expect(summarize(d).reference_max_sittings_ceiling).toBe(399);
		expect(target(summarize(d))).toMatchObject({ met: true });
	});

	it('says nothing when the reference’s search ended at a lagging generator', () => {
		const d = data(
			{ max: 900, runs: [held(300, 3), held(900, 12.6)] },
			{ max: 400, runs: [held(300, 5), held(400, 12.6), lagged(450)] }
		);
		const s = summarize(d);
		expect(s.reference_max_sittings_ceiling).toBeNull();
		expect(target(s).met).toBeNull();
	});

	it('reads a reference that reached its own p99 limit as measured', () => {
		const d = data(
			{ max: 900, runs: [held(300, 3), held(900, 12.6)] },
			{ max: 400, runs: [held(300, 5), held(400, 60), held(450, 140)] }
		);
		const s = summarize(d);
		expect(s.reference_max_sittings_lower_bound).toBe(false);
		expect(target(s)).toMatchObject({ value: 2.25, met: true });
	});
});

describe('bench: the tick target beside the app protocol’s floor', () => {
	const withFloor = (app: number, ref: number, floor: number | null) => {
		const d = data(
			{ max: 900, runs: [held(300, app), held(900, 12.6)] },
			{ max: 400, runs: [held(300, ref), held(400, 12.6), capped(450)] }
		);
		const tick = (p99: number) => ({ p99, valid: true, deliveryRatio: 1 });
		Object.assign(d.median, { app: tick(app), reference: tick(ref) });
		Object.assign(d.runs, { app: [tick(app)], reference: [tick(ref)] });
		if (floor !== null)
			Object.assign(d, {
				median: { ...d.median, floor: tick(floor) },
				runs: { ...d.runs, floor: [tick(floor)] }
			});
		return summarize(d).targets.find((t) => t.name.startsWith('tick p99 ≤ ½'))!;
	};

	it('says when half the reference is below what a relay doing nothing reads', () => {
		const t = withFloor(2.2, 3.1, 1.9);
		expect(t).toMatchObject({ value: 0.71, met: false });
		expect(t.goal).toContain("1.55 ms is below the app protocol's floor here, 1.9 ms");
	});

	it('says nothing of the floor when half the reference is above it', () => {
		const t = withFloor(2.2, 5, 1.9);
		expect(t.goal).toBe('≤ 0.5 × 5 ms');
		expect(withFloor(2.2, 3.1, null).goal).toBe('≤ 0.5 × 3.1 ms');
	});
});
