import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ONE_CORE_GC_FLAGS } from '../../bench/servers.js';

/**
 * The collector flags README "Scaling out" recommends for a one-core server, and every server in
 * the benchmark runs with. Each flag is checked for what V8 makes of it: these flags replaced
 * `--single-threaded-gc` to keep the sweeper's thread, and one of them, dropped, aborts Node.
 */
function flagValues(flags: string[]): Set<string> {
	const r = spawnSync(process.execPath, [...flags, '--print-flag-values', '-e', ''], {
		encoding: 'utf8'
	});
	expect(r.status).toBe(0);
	return new Set(r.stdout.split('\n').map((l) => l.trim()));
}

describe('one-core collector flags', () => {
	it('turn every parallel and concurrent collector thread off but the sweeper', () => {
		const v = flagValues(ONE_CORE_GC_FLAGS);
		for (const off of [
			'--no-parallel-scavenge',
			'--no-parallel-marking',
			'--no-parallel-compaction',
			'--no-parallel-pointer-update',
			'--no-concurrent-marking',
			'--no-cppheap-concurrent-marking'
		])
			expect(v.has(off), off).toBe(true);
		// A deoptimization finishes pending sweeps on the main thread: swept concurrently, none are.
		expect(v.has('--concurrent-sweeping')).toBe(true);
		expect(v.has('--single-threaded-gc')).toBe(false);
	});

	it('survive full collections (V8 aborts without the CppHeap flag)', () => {
		const script =
			'const keep = []; for (let i = 0; i < 200000; i++) keep.push({ i });' +
			'gc(); keep.length = 1000; gc(); gc(); console.log("alive", keep.length)';
		const run = (flags: string[]) =>
			spawnSync(process.execPath, [...flags, '--expose-gc', '-e', script], { encoding: 'utf8' });
		const ok = run(ONE_CORE_GC_FLAGS);
		expect(ok.status).toBe(0);
		expect(ok.stdout.trim()).toBe('alive 1000');
		// The check can fail: the same flags without the last one abort in the first full collection.
		const without = run(ONE_CORE_GC_FLAGS.filter((f) => f !== '--no-cppheap-concurrent-marking'));
		expect(without.status).not.toBe(0);
	});

	it('are the ones README "Scaling out" gives, in its command', () => {
		const readme = readFileSync('README.md', 'utf8');
		const section = readme.slice(readme.indexOf('## Scaling out'));
		const command = /```sh\n\s*(node [^`]*?server\/index\.js)\n\s*```/.exec(section)?.[1] ?? '';
		const given = command.split(/\s+/).filter((w) => w.startsWith('--'));
		expect(given).toEqual([...ONE_CORE_GC_FLAGS, '--max-semi-space-size=4']);
	});
});
