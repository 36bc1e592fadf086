import { spawnSync } from 'node:child_process';

/** What V8 makes of `flags`: every flag's value as `--print-flag-values` prints it. */
export function flagValues(flags: string[]): Set<string> {
	const r = spawnSync(process.execPath, [...flags, '--print-flag-values', '-e', ''], {
		encoding: 'utf8'
	});
	if (r.status !== 0) throw new Error(`node ${flags.join(' ')}: ${r.stderr}`);
	return new Set(r.stdout.split('\n').map((l) => l.trim()));
}

/** V8's values when no collector thread is left that the event loop could wait for. */
export const NO_COLLECTOR_THREADS = [
	'--no-parallel-scavenge',
	'--no-parallel-marking',
	'--no-parallel-compaction',
	'--no-parallel-pointer-update',
	'--no-concurrent-marking',
	'--no-cppheap-concurrent-marking',
	'--no-concurrent-sweeping',
	'--no-concurrent-array-buffer-sweeping'
];

/**
 * Whether V8 runs with no collector thread at all under `flags`. Oilpan's (CppHeap's) sweeper has
 * no flag of its own: only `--single-threaded-gc` makes it incremental.
 */
export function noCollectorThreads(flags: string[]): boolean {
	const v = flagValues(flags);
	return NO_COLLECTOR_THREADS.every((f) => v.has(f)) && v.has('--single-threaded-gc');
}
