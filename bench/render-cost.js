#!/usr/bin/env node
// CPU per cold render of a product's public page: the cost that publication day pays for every
// product page nobody has asked for since the last publication. Seeds the bench's database
// (a published result per sitting), starts the built app alone on core 0, asks for every product
// page once (cold), then once more (cached), then once more after an unrelated public write
// (a new generation), and prints the app's CPU ms per request for each pass.
// `node bench/render-cost.js [sittings=150] [members=15]`; BENCH_PROFILE=<dir> adds a V8 profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { register } from 'tsx/esm/api';
import { procCpuMs } from './proc.js';
import { startServer, stop } from './servers.js';

register({ tsconfig: false });
const { seedBench, seedResults } = await import('./seed.ts');

const S = Number(process.argv[2] ?? 150);
const N = Number(process.argv[3] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'ocop-render-cost-'));
try {
	const sittings = seedBench(join(dir, 'ocop.db'), S, N);
	const seqs = seedResults(join(dir, 'ocop.db'), sittings);
	const server = await startServer('app', dir);
	try {
		const pass = async (label) => {
			const caches = {};
			const before = procCpuMs(server.child.pid);
			const t0 = performance.now();
			for (const q of seqs) {
				const res = await fetch(`${server.url}/results/${q}`);
				if (res.status !== 200) throw new Error(`/results/${q}: ${res.status}`);
				await res.arrayBuffer();
				const how = res.headers.get('x-cache') ?? 'none';
				caches[how] = (caches[how] ?? 0) + 1;
			}
			const cpu = procCpuMs(server.child.pid) - before;
			const wall = performance.now() - t0;
			const per = (x) => (x / seqs.length).toFixed(2);
			console.log(
				`${label}: ${seqs.length} pages, server CPU ${per(cpu)} ms/page, wall ${per(wall)} ms/page, x-cache ${JSON.stringify(caches)}`
			);
		};
		// One page first: the first render loads the route's modules.
		await (await fetch(`${server.url}/results/${seqs[0]}`)).arrayBuffer();
		await pass('cold');
		await pass('cached');
		// A public write that touches no product page's data, as another product's publication does.
		const raw = new Database(join(dir, 'ocop.db'));
		raw.prepare('update councils set place = place where id = ?').run('bc0');
		raw.close();
		await pass('after an unrelated public write');
	} finally {
		await stop(server.child);
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
