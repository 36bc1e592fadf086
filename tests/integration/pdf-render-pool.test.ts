// The render pool's promises to the routes: a bounded wait, a crash or a stuck render that fails
// only its own document and leaves a fresh worker behind, and nothing running after close.
import { afterEach, describe, expect, it } from 'vitest';
import {
	RenderPool,
	isRenderError,
	type RenderPoolOptions
} from '../../src/lib/server/documents/render-pool';
import type { RenderJob } from '../../src/lib/server/documents/render-job';

const STAND_IN = new URL('../helpers/stand-in-pdf-worker.js', import.meta.url);
const pools: RenderPool[] = [];

function pool(opts: Partial<RenderPoolOptions> = {}): RenderPool {
	const p = new RenderPool({ entry: STAND_IN, size: 1, maxQueue: 10, timeoutMs: 10_000, ...opts });
	pools.push(p);
	return p;
}

/** Stand-in jobs (see the stand-in worker); the pool passes jobs through untouched. */
const job = (kind: string, extra: object = {}) => ({ kind, ...extra }) as unknown as RenderJob;
const text = (pdf: Buffer) => pdf.toString('utf8');
const threadOf = (pdf: Buffer) => text(pdf).split(' ')[1];
/** When the stand-in began the job (ms since the epoch, fractional). */
const startOf = (pdf: Buffer) => Number(/started=([\d.]+)/.exec(text(pdf))![1]);

async function failure(p: Promise<unknown>): Promise<Error> {
	try {
		await p;
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected the render to fail');
}

afterEach(async () => {
	await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('PDF render pool', () => {
	it('renders on its own threads and hands back the bytes', async () => {
		const p = pool({ size: 2 });
		const pdfs = await Promise.all([1, 2, 3, 4].map((n) => p.render(job('ok', { tag: n }), null)));
		expect(pdfs.map((b) => text(b).split(' ')[2])).toEqual(['1', '2', '3', '4']);
		expect(pdfs.every((b) => b.subarray(0, 4).toString() === '%PDF')).toBe(true);
		expect(p.workers).toBeLessThanOrEqual(2);
	});

	it('refuses at once, as busy, beyond its workers and its queue', async () => {
		const p = pool({ size: 1, maxQueue: 2 });
		const accepted = [1, 2, 3].map((n) => p.render(job('ok', { ms: 500, tag: n }), null));
		let finished = 0;
		for (const a of accepted) void a.then(() => finished++);
		const refused = await failure(p.render(job('ok'), null));
		expect(isRenderError(refused, 'PDF_BUSY')).toBe(true);
		// At once: before even the first accepted render (500 ms) is done, not after a wait in the
		// queue (a wall-clock bound here depended on how busy the machine was).
		expect(finished).toBe(0);
		// The three it took all finish, and once the queue drains it takes work again.
		expect((await Promise.all(accepted)).length).toBe(3);
		expect(text(await p.render(job('ok', { tag: 'after' }), null))).toContain('after');
	});

	it('fails only the crashed document, and the next one gets a fresh worker', async () => {
		const p = pool();
		const before = threadOf(await p.render(job('ok'), null));
		const queued = p.render(job('ok', { tag: 'queued' }), null);
		const crashed = await failure(p.render(job('crash'), null));
		// Order: the 'ok' queued first runs before the crash on the same worker.
		expect(text(await queued)).toContain('queued');
		expect(isRenderError(crashed, 'PDF_FAILED')).toBe(true);
		expect(crashed.message).toMatch(/exited \(7\)/);
		const after = await p.render(job('ok'), null);
		expect(threadOf(after)).not.toBe(before);
		expect(p.workers).toBe(1);
	});

	it('answers a render error as a failure without losing the worker', async () => {
		const p = pool();
		const first = threadOf(await p.render(job('ok'), null));
		const failed = await failure(p.render(job('fail'), null));
		expect(isRenderError(failed, 'PDF_FAILED')).toBe(true);
		expect(failed.message).toBe('bad input');
		expect(threadOf(await p.render(job('ok'), null))).toBe(first);
	});

	it('stops a render that never finishes and carries on with a fresh worker', async () => {
		const p = pool({ timeoutMs: 300 });
		const stuck = await failure(p.render(job('hang'), null));
		expect(isRenderError(stuck, 'PDF_FAILED')).toBe(true);
		expect(stuck.message).toMatch(/longer than 300 ms/);
		expect(text(await p.render(job('ok', { tag: 'next' }), null))).toContain('next');
	});

	it('fails the waiting documents, without respawning forever, when a worker cannot start', async () => {
		const broken = new URL('data:text/javascript,throw new Error("cannot load the renderers")');
		const p = pool({ entry: broken, size: 2 });
		const errors = await Promise.all([1, 2, 3].map(() => failure(p.render(job('ok'), null))));
		for (const e of errors) expect(isRenderError(e, 'PDF_FAILED')).toBe(true);
		expect(errors[0].message).toMatch(/cannot load the renderers/);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(p.workers).toBe(0);
	});

	it('leaves no worker running after close, and refuses work after it', async () => {
		const p = pool({ size: 2 });
		await p.render(job('ok'), null);
		const running = p.render(job('hang'), null);
		const waiting = [p.render(job('hang'), null), p.render(job('ok'), null)];
		const outcomes = Promise.all([running, ...waiting].map(failure));
		await new Promise((resolve) => setTimeout(resolve, 100));
		await p.close();
		expect(p.workers).toBe(0);
		for (const e of await outcomes) expect(isRenderError(e, 'PDF_FAILED')).toBe(true);
		expect(isRenderError(await failure(p.render(job('ok'), null)), 'PDF_FAILED')).toBe(true);
	});

	it('rests after each render while sittings are live, in proportion to the render', async () => {
		let live = true;
		const p = pool({ share: () => (live ? 0.25 : 1) });
		// Two jobs of 150 ms of CPU at once: at a quarter of a core, the second starts no
		// sooner than 150 ms of render and 450 ms of rest after the first.
		const [a, b] = await Promise.all([
			p.render(job('ok', { ms: 150, tag: 'a' }), null),
			p.render(job('ok', { ms: 150, tag: 'b' }), null)
		]);
		expect(startOf(b) - startOf(a)).toBeGreaterThanOrEqual(600 - 5);
		expect(text(b)).toContain(' b ');

		// No live sitting: back to back again (the rest earned before is served first).
		live = false;
		await p.render(job('ok', { tag: 'drain' }), null);
		const [c, d] = await Promise.all([
			p.render(job('ok', { ms: 150, tag: 'c' }), null),
			p.render(job('ok', { ms: 150, tag: 'd' }), null)
		]);
		expect(startOf(d) - startOf(c)).toBeLessThan(600 - 5);
	});
});
