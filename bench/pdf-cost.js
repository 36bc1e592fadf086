#!/usr/bin/env node
// Main-thread CPU per PDF download: the event loop's share of a document (the request, the
// gathering of its data, the hand-over to a render thread and the bytes coming back), which is
// what live ticks wait behind while documents render. Seeds the bench's database, starts the
// built app alone on core 0, asks for `count` documents with `concurrency` in flight, and prints
// the main thread's CPU ms per PDF (from /proc/<pid>/task/<pid>/stat, not the render threads').
// `node bench/pdf-cost.js [sittings=40] [members=15] [concurrency=50]`; BENCH_PROFILE=<dir> adds a
// V8 profile of the main thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { mainThreadCpuMs } from './proc.js';
import { startServer, stop } from './servers.js';
import { pdfPaths } from './side-loads.js';

register({ tsconfig: false });
const { seedBench, seedResults } = await import('./seed.ts');

const S = Number(process.argv[2] ?? 40);
const N = Number(process.argv[3] ?? 15);
const C = Number(process.argv[4] ?? 50);

const dir = mkdtempSync(join(tmpdir(), 'ocop-pdf-cost-'));
try {
	const sittings = seedBench(join(dir, 'ocop.db'), S, N);
	const seqs = seedResults(join(dir, 'ocop.db'), sittings);
	const cookie = sittings[0].secretaryCookie;
	const paths = pdfPaths(sittings, seqs);
	const server = await startServer('app', dir);
	const pid = server.child.pid;
	try {
		const get = async (p) => {
			const res = await fetch(server.url + p, { headers: { cookie } });
			const body = Buffer.from(await res.arrayBuffer());
			if (res.status !== 200 || body.subarray(0, 5).toString('latin1') !== '%PDF-')
				throw new Error(`${p}: ${res.status}`);
		};
		await get(paths[paths.length - 1]);
		const todo = paths.slice(0, -1);
		let next = 0;
		const before = mainThreadCpuMs(pid);
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: C }, async () => {
				while (next < todo.length) await get(todo[next++]);
			})
		);
		const cpu = mainThreadCpuMs(pid) - before;
		const wall = performance.now() - t0;
		console.log(
			`${todo.length} PDFs, ${C} at once: main thread ${(cpu / todo.length).toFixed(2)} ms/PDF, wall ${(wall / todo.length).toFixed(1)} ms/PDF`
		);
	} finally {
		await stop(server.child);
		if (process.env.BENCH_OUTPUT) console.log(server.output());
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
