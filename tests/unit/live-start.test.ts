import { describe, expect, it } from 'vitest';
import { startLive } from '../../src/lib/client/live-start';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('startLive: a live page starts its clients after it has come to life', () => {
	it('runs nothing at once, then each step in order, each in a task of its own', async () => {
		const seen: string[] = [];
		startLive(
			async () => 'modules',
			[(m) => seen.push(`a:${m}`), (m) => seen.push(`b:${m}`), (m) => seen.push(`c:${m}`)],
			() => seen.push('failed')
		);
		expect(seen).toEqual([]);
		// One microtask turn later the first has run, the next still waits for its own task.
		await Promise.resolve();
		await Promise.resolve();
		expect(seen).toEqual(['a:modules']);
		await settle();
		expect(seen).toEqual(['a:modules', 'b:modules', 'c:modules']);
	});

	it('runs no further step once stopped, and reports no failure after it', async () => {
		const seen: string[] = [];
		const stop = startLive(
			async () => null,
			[() => seen.push('a'), () => seen.push('b')],
			() => seen.push('failed')
		);
		await Promise.resolve();
		await Promise.resolve();
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
