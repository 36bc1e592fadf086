import { describe, expect, it } from 'vitest';
import { inShortTasks, nextTask, startLive } from '../../src/lib/client/live-start';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('startLive: a live page starts its clients after it has come to life', () => {
	it('loads nothing in the calling task, then runs each step in order, each in a task of its own', async () => {
		const seen: string[] = [];
		startLive(
			async () => (seen.push('load'), 'modules'),
			[(m) => seen.push(`a:${m}`), (m) => seen.push(`b:${m}`), (m) => seen.push(`c:${m}`)],
			() => seen.push('failed')
		);
		// Not even the import in the caller's task (the page's hydration): its microtasks pass too.
		await Promise.resolve();
		await Promise.resolve();
		expect(seen).toEqual([]);
		// The next task loads, and the first step follows at once; the next still waits.
		await nextTask();
		expect(seen).toEqual(['load', 'a:modules']);
		await settle();
		expect(seen).toEqual(['load', 'a:modules', 'b:modules', 'c:modules']);
	});

	it('loads nothing when stopped before its task came', async () => {
		const seen: string[] = [];
		const stop = startLive(
			async () => (seen.push('load'), null),
			[() => seen.push('a')],
			() => seen.push('failed')
		);
		stop();
		await settle();
		expect(seen).toEqual([]);
	});

	it('runs no further step once stopped, and reports no failure after it', async () => {
		const seen: string[] = [];
		const stop = startLive(
			async () => null,
			[() => seen.push('a'), () => seen.push('b')],
			() => seen.push('failed')
		);
		await nextTask();
		stop();
		await settle();
		expect(seen).toEqual(['a']);

		const gone = startLive(
			() => Promise.reject(new Error('chunk')),
			[() => seen.push('never')],
			() => seen.push('failed late')
		);
		gone();
		await settle();
		expect(seen).toEqual(['a']);
	});

	it('says so when the modules cannot be loaded, and runs no step', async () => {
		const seen: string[] = [];
		startLive(
			() => Promise.reject(new Error('chunk')),
			[() => seen.push('a')],
			() => seen.push('failed')
		);
		await settle();
		expect(seen).toEqual(['failed']);
	});
});

describe('inShortTasks: work after the page in pieces the browser can interleave', () => {
	/** A step that takes `ms` of this thread's time. */
	const busy = (ms: number) => {
		const until = performance.now() + ms;
		while (performance.now() < until);
	};

	it('starts in the next task, runs every step, and lets other tasks in between its own', async () => {
		const seen: string[] = [];
		let steps = 0;
		inShortTasks(() => {
			busy(2);
			seen.push(`step ${++steps}`);
			return steps < 12;
		}, 5);
		expect(seen).toEqual([]);
		// Another task queued after the first run: it must come before the last step.
		setTimeout(() => seen.push('other'), 0);
		while (steps < 12) await nextTask();
		const other = seen.indexOf('other');
		// A few 2 ms steps per 5 ms task, so the other task came after the first task, well
		// before the end, and every step ran once, in order.
		expect(other).toBeGreaterThan(0);
		expect(other).toBeLessThan(seen.length - 1);
		expect(seen.filter((s) => s !== 'other')).toEqual(
			Array.from({ length: 12 }, (_, i) => `step ${i + 1}`)
		);
	});

	it('does not start a step its task cannot hold, judging by the last one', async () => {
		// 3 ms steps in a 5 ms budget: the second would end at 6 ms, so each task runs one.
		// Started whenever budget was left, the tasks were two steps long, over the budget.
		let steps = 0;
		const perTask: number[] = [];
		let inTask = 0;
		const stop = inShortTasks(() => {
			busy(3);
			steps++;
			inTask++;
			return true;
		}, 5);
		for (let i = 0; i < 4; i++) {
			await nextTask();
			perTask.push(inTask);
			inTask = 0;
		}
		stop();
		expect(perTask).toEqual([1, 1, 1, 1]);
		expect(steps).toBe(4);
	});

	it('runs at least one step per task however long a step takes, and stops when told', async () => {
		let steps = 0;
		const stop = inShortTasks(() => {
			busy(8);
			steps++;
			return true;
		}, 5);
		await nextTask();
		expect(steps).toBe(1);
		await nextTask();
		expect(steps).toBe(2);
		stop();
		await settle();
		expect(steps).toBe(2);
	});
});
