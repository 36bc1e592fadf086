import { describe, expect, it } from 'vitest';
import { startLive } from '../../src/lib/client/live-start';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

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
