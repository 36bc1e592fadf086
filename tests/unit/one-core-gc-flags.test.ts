import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ONE_CORE_GC_FLAGS } from '../../bench/servers.js';
import { NO_COLLECTOR_THREADS, flagValues } from '../helpers/v8-flags';

/**
 * The collector flags README "Scaling out" recommends for a one-core server, and every server in
 * the benchmark runs with. Each is checked for what V8 makes of it: no collector thread may be
 * left that the event loop could wait for (bench/servers.js: a concurrent sweep on a helper
 * thread starved by the PDF render threads held every sitting for 0.4-1.4 s).
 */
describe('one-core collector flags', () => {
	it('leave V8 no parallel or concurrent collector thread, the sweepers included', () => {
		const v = flagValues(ONE_CORE_GC_FLAGS);
		for (const off of NO_COLLECTOR_THREADS) expect(v.has(off), off).toBe(true);
		// Oilpan's (CppHeap's) sweeper has no flag of its own: only this one makes it incremental.
		expect(v.has('--single-threaded-gc')).toBe(true);
	});

	it('are not what Node runs with by default (the check can fail)', () => {
		const v = flagValues([]);
		expect(NO_COLLECTOR_THREADS.filter((f) => v.has(f))).toEqual([]);
		expect(v.has('--single-threaded-gc')).toBe(false);
	});

	it('survive full collections', () => {
		const script =
			'const keep = []; for (let i = 0; i < 200000; i++) keep.push({ i });' +
			'gc(); keep.length = 1000; gc(); gc(); console.log("alive", keep.length)';
		const r = spawnSync(process.execPath, [...ONE_CORE_GC_FLAGS, '--expose-gc', '-e', script], {
			encoding: 'utf8'
		});
		expect(r.status).toBe(0);
		expect(r.stdout.trim()).toBe('alive 1000');
	});

	it('are the ones README "Scaling out" gives, in its command', () => {
		const readme = readFileSync('README.md', 'utf8');
		const section = readme.slice(readme.indexOf('## Scaling out'));
		const command = /```sh\n\s*(node [^`]*?server\/index\.js)\n\s*```/.exec(section)?.[1] ?? '';
		const given = command.split(/\s+/).filter((w) => w.startsWith('--'));
		expect(given).toEqual([...ONE_CORE_GC_FLAGS, '--max-semi-space-size=4']);
	});
});
