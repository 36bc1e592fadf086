import { describe, expect, it } from 'vitest';
import { searchSteps } from '../../bench/step-search.js';

/**
 * The search for the most sittings a server holds (bench/step-search.js): a step that does not
 * hold is run once more before the search stops there, and the search says when what it found
 * is only a lower bound.
 */
type Run = {
	sittings: number;
	p99: number | null;
	valid: boolean;
	deliveryRatio: number;
	failed?: string;
};
const ok = (sittings: number, p99 = 5): Run => ({ sittings, p99, valid: true, deliveryRatio: 1 });
const slow = (sittings: number, p99 = 150): Run => ({
	sittings,
	p99,
	valid: true,
	deliveryRatio: 1
});
const lagged = (sittings: number): Run => ({ sittings, p99: 30, valid: false, deliveryRatio: 1 });
const capped = (sittings: number): Run => ({
	sittings,
	p99: null,
	valid: false,
	deliveryRatio: 0,
	failed: 'connect EMFILE 127.0.0.1:1234'
});

/** Runs the steps from a script: each call at a step takes that step's next scripted run. */
function scripted(plan: Record<number, Run[]>) {
	const calls: number[] = [];
	const run = async (s: number) => {
		calls.push(s);
		const next = plan[s]?.shift();
		if (!next) throw new Error(`step ${s} run more often than planned`);
		return next;
	};
	return { run, calls };
}

const STEPS = [300, 350, 400, 450, 500];

describe('bench: the step search for the most sittings held', () => {
	it('climbs while steps hold and stops where a step fails twice', async () => {
		const { run, calls } = scripted({ 350: [ok(350)], 400: [slow(400), slow(400, 180)] });
		const r = await searchSteps(run, ok(300), STEPS);
		expect(r.max).toBe(350);
		expect(r.bounded).toBe(false);
		expect(calls).toEqual([350, 400, 400]);
	});

	it('goes on when the second run of a step holds (one burst does not end the search)', async () => {
		const { run, calls } = scripted({
			350: [ok(350)],
			400: [slow(400, 120), ok(400, 8)],
			450: [ok(450)],
			500: [ok(500)]
		});
		const r = await searchSteps(run, ok(300), STEPS);
		expect(r.max).toBe(500);
		expect(calls).toEqual([350, 400, 400, 450, 500]);
		expect(r.runs.map((x) => x.p99)).toEqual([5, 5, 120, 8, 5, 5]);
	});

	it('runs a step whose generator lagged once more, and reads two lags as a lower bound', async () => {
		const { run } = scripted({ 350: [lagged(350), lagged(350)] });
		const r = await searchSteps(run, ok(300), STEPS);
		expect(r).toMatchObject({ max: 300, bounded: true });
	});

	it('does not run a step again whose sockets would not open, and reads it as a lower bound', async () => {
		const { run, calls } = scripted({ 350: [ok(350)], 400: [capped(400)] });
		const r = await searchSteps(run, ok(300), STEPS);
		expect(r).toMatchObject({ max: 350, bounded: true });
		expect(calls).toEqual([350, 400]);
	});

	it('holds nothing when the first step does not hold', async () => {
		const { run, calls } = scripted({});
		expect(await searchSteps(run, slow(300, 311), STEPS)).toMatchObject({
			max: 0,
			bounded: false
		});
		expect(calls).toEqual([]);
	});

	it('needs 99.9 % of the ticks delivered, not only the p99', async () => {
		const short = { ...ok(350), deliveryRatio: 0.99 };
		const { run } = scripted({ 350: [short, short] });
		expect((await searchSteps(run, ok(300), STEPS)).max).toBe(300);
	});
});
