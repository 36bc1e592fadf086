// The render threads yield the CPU to live scoring: each runs at the lowest priority (nice 19,
// or PDF_RENDER_NICE) while the event loop's thread keeps its own, a real report still renders
// there, and a render that overruns is still stopped with its thread, the next one getting a
// fresh thread at the same low priority. Read from Linux's /proc, as `ps -L -o tid,ni` does.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/lib/server/config';
import { collectorOnEventLoop } from '../../server/render-priority.js';
import { noCollectorThreads } from '../helpers/v8-flags';
import { reportDocument } from '../../src/lib/server/documents';
import {
	RenderPool,
	isRenderError,
	poolOptions,
	signedRenderer
} from '../../src/lib/server/documents/render-pool';
import type { RenderJob } from '../../src/lib/server/documents/render-job';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';

const REAL_WORKER = join(process.cwd(), 'server', 'pdf-worker.js');
const STAND_IN = new URL('../helpers/stand-in-pdf-worker.js', import.meta.url);
const pools: RenderPool[] = [];
let ctx: TestContext;
let seq: number;

/** A thread's nice value, field 19 of /proc/<pid>/task/<tid>/stat (after the command's name). */
function niceOf(tid: number): number {
	const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** A thread's scheduling policy, field 41 of its stat: 0 SCHED_OTHER, 5 SCHED_IDLE. */
function policyOf(tid: number): number {
	const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
}

function pool(env: Record<string, string>, entry: string | URL, timeoutMs?: number): RenderPool {
	const opts = poolOptions(loadConfig({ NODE_ENV: 'test', ...env }).documents, entry);
	const p = new RenderPool({ ...opts, size: 1, ...(timeoutMs ? { timeoutMs } : {}) });
	pools.push(p);
	return p;
}

const onlyThread = (p: RenderPool) => {
	expect(p.threads).toHaveLength(1);
	const { tid, nice } = p.threads[0];
	expect(tid).not.toBeNull();
	return { tid: tid!, nice };
};

beforeAll(() => {
	ctx = makeTestContext();
	const world = seedWorld(ctx.db, ctx.now());
	seq = lockProduct(ctx.db, world, {
		key: 'p',
		name: 'Trà mãng cầu Đất Quảng',
		setNo: 7,
		ranks: [0, 1, 1, 2],
		closedAt: ctx.now()
	}).seq;
});
afterEach(async () => {
	await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => ctx.cleanup());

describe.runIf(process.platform === 'linux')('render threads at the lowest CPU priority', () => {
	it('renders a real report on a thread at nice 19; the event loop keeps its priority', async () => {
		const before = getPriority(0);
		const p = pool({}, REAL_WORKER);
		const doc = await reportDocument(signedRenderer(p), ctx.db, seq, { published: false });
		expect(doc!.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { tid, nice } = onlyThread(p);
		expect(tid).not.toBe(process.pid);
		expect(nice).toBe(19);
		expect(niceOf(tid)).toBe(19);
		// And in the idle class: a tick that wakes the event loop takes the core at once, rather
		// than after the render's slice (nice alone on Linux's EEVDF scheduler).
		expect(policyOf(tid)).toBe(5);
		expect(policyOf(process.pid)).toBe(0);
		// Only that thread: the one running this test (and live scoring, in the app) is as it was.
		expect(getPriority(0)).toBe(before);
		expect(niceOf(process.pid)).not.toBe(19);
	});

	it('takes the nice value from PDF_RENDER_NICE, and refuses one out of range', async () => {
		const p = pool({ PDF_RENDER_NICE: '7' }, REAL_WORKER);
		// With names: another document than the first test's, so it renders (not from the cache).
		await reportDocument(signedRenderer(p), ctx.db, seq, { published: false, showNames: true });
		expect(niceOf(onlyThread(p).tid)).toBe(7);
		for (const bad of ['20', '-1', 'low', '19.5'])
			expect(() => loadConfig({ NODE_ENV: 'test', PDF_RENDER_NICE: bad })).toThrow(ConfigError);
	});

	it('still stops an overrunning render with its thread; the next thread is low again', async () => {
		const p = pool({}, STAND_IN, 300);
		const job = (kind: string) => ({ kind }) as unknown as RenderJob;
		await p.render(job('ok'), null);
		const first = onlyThread(p).tid;
		expect(niceOf(first)).toBe(19);
		const stuck = await p.render(job('hang'), null).catch((e: Error) => e);
		expect(isRenderError(stuck, 'PDF_FAILED')).toBe(true);
		expect((stuck as Error).message).toMatch(/longer than 300 ms/);
		expect(existsSync(`/proc/self/task/${first}`)).toBe(false);
		await p.render(job('ok'), null);
		const second = onlyThread(p).tid;
		expect(second).not.toBe(first);
		expect(niceOf(second)).toBe(19);
	});

	it("lowers the threads that exist at start (V8's helpers, libuv's) to the idle class, not the event loop", () => {
		// In a process of its own, as server/main.ts does it first thing; this one's threads stay.
		const script = (nice: number, call = 'lowerOtherThreads') => `
				import { readdirSync, readFileSync } from 'node:fs';
				import { ${call} } from ${JSON.stringify(join(process.cwd(), 'server', 'render-priority.js'))};
				const lowered = ${call}(${nice});
				const field = (t, i) => { const s = readFileSync('/proc/self/task/' + t + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[i]); };
				const others = readdirSync('/proc/self/task').filter((t) => Number(t) !== process.pid);
				console.log(JSON.stringify({ lowered, self: [field(process.pid, 16), field(process.pid, 38)], others: others.map((t) => [field(t, 16), field(t, 38)]) }));
				`;
		const run = (nice: number, call?: string, flags: string[] = []) =>
			JSON.parse(
				execFileSync(
					process.execPath,
					[...flags, '--input-type=module', '-e', script(nice, call)],
					{
						encoding: 'utf8'
					}
				)
			);
		const { lowered, self, others } = run(19);
		expect(lowered).toBeGreaterThanOrEqual(4); // at least V8's worker threads
		expect(lowered).toBe(others.length);
		// The event loop keeps nice 0 and the normal class (0); every other thread is at nice 19
		// and in the idle class (5), so a tick that wakes the event loop takes the core at once.
		expect(self).toEqual([0, 0]);
		expect(new Set(others.map(([n, p]: number[]) => `${n}/${p}`))).toEqual(new Set(['19/5']));
		// A milder setting lowers only the nice value: the idle class is for 19 alone.
		const mild = run(10);
		expect(new Set(mild.others.map(([n, p]: number[]) => `${n}/${p}`))).toEqual(new Set(['10/0']));
		expect(mild.self).toEqual([0, 0]);

		// What server/main.ts calls: with V8's collector on the event loop alone (the one-core
		// flags) the same; with its parallel collector (Node's defaults) nothing is lowered, as
		// the event loop waits for those threads in every scavenge.
		const single = run(19, 'lowerHelperThreads', ['--single-threaded-gc']);
		expect(single.lowered).toBe(single.others.length);
		expect(new Set(single.others.map(([n, p]: number[]) => `${n}/${p}`))).toEqual(
			new Set(['19/5'])
		);
		const parallel = run(19, 'lowerHelperThreads');
		expect(parallel.lowered).toBe(0);
		expect(parallel.others.length).toBeGreaterThanOrEqual(4);
		expect(new Set(parallel.others.map(([n, p]: number[]) => `${n}/${p}`))).toEqual(
			new Set(['0/0'])
		);
	});

	it("reads V8's collector flags as V8 does: lowered only when no collector thread is left", () => {
		// The truth is V8's own: --print-flag-values after the same flags.
		const cases = [
			[],
			['--single-threaded-gc'],
			['--single_threaded_gc'],
			['--single-threaded'],
			['--max-semi-space-size=4', '--single-threaded-gc'],
			['--single-threaded-gc', '--no-single-threaded-gc'],
			['--single-threaded-gc', '--no-single_threaded_gc'],
			['--no-single-threaded-gc', '--single-threaded-gc'],
			['--no-parallel-scavenge']
		];
		const seen = new Set<boolean>();
		for (const flags of cases) {
			const v8 = noCollectorThreads(flags);
			seen.add(v8);
			expect(collectorOnEventLoop(flags), flags.join(' ')).toBe(v8);
		}
		expect(seen).toEqual(new Set([true, false])); // both answers occur
	});
});
