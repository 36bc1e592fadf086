// The side loads of the publication-day and document phases, and the static-file anchor.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, settled } from './proc.js';
import { pinned, runJson, startServer, stop } from './servers.js';
import { log, sideLoad } from './ticks.js';
import { ensureNginx } from './nginx.js';
import { ensureVegeta } from './vegeta.js';

/** Public page reads at `rate` requests/s during the measured window (half list, half products). */
export const readsSide = (rate, measureMs) => ({
	start: ({ server, dir, seqs }) => {
		const file = join(dir, `reads-${rate}.json`);
		const products = seqs.map((q) => `/results/${q}`);
		writeFileSync(
			file,
			JSON.stringify({
				mode: 'rate',
				url: server.url,
				rate,
				durationMs: measureMs,
				list: '/results',
				products,
				vegeta: ensureVegeta(),
				dir
			})
		);
		return sideLoad('bench/reads.js', file);
	}
});

/**
 * Every distinct PDF of the seeded results, kind by kind, sitting by sitting, so consecutive
 * requests are for different documents: the insider and the public report and each member's
 * score sheet. Not the minutes: a sitting has them once its chair has ended it, and the bench's
 * sittings are live (each asked for its minutes is answered 404, as it should be).
 */
export function pdfPaths(sittings, seqs) {
	const kinds = [
		(s, q) => `/documents/report/${q}`,
		(s, q) => `/results/${q}/report.pdf`,
		...sittings[0].members.map((_, j) => (s, q) => `/documents/sheet/${q}/${s.members[j].userId}`)
	];
	return kinds.flatMap((k) => sittings.map((s, i) => k(s, seqs[i])));
}

/**
 * `concurrency` PDF downloads always in flight during the measured window, by the office (it
 * may read every council's documents), each for a document not asked for before in the run
 * (pdfPaths), so none is served from the render cache.
 */
export const pdfSide = (concurrency, measureMs) => ({
	start: ({ server, dir, sittings, seqs }) => {
		const paths = pdfPaths(sittings, seqs);
		const file = join(dir, 'pdfs.json');
		writeFileSync(
			file,
			JSON.stringify({
				url: server.url,
				cookie: sittings[0].secretaryCookie,
				paths,
				concurrency,
				durationMs: measureMs
			})
		);
		return sideLoad('bench/pdfs.js', file);
	}
});

/** nginx (one worker, pinned to core 0 like the app) serving `files` ({ urlPath: bytes }). */
async function startNginx(nginxPath, files) {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-nginx-'));
	const port = await freePort();
	const root = join(dir, 'www');
	for (const [path, bytes] of Object.entries(files)) {
		mkdirSync(join(root, path), { recursive: true });
		writeFileSync(join(root, path, 'index.html'), bytes);
	}
	for (const d of ['tmp', 'logs']) mkdirSync(join(dir, d), { recursive: true });
	// Run as root, nginx's worker becomes `nobody`, which must be able to read the files.
	chmodSync(dir, 0o755);
	const conf = join(dir, 'nginx.conf');
	writeFileSync(
		conf,
		`worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log;
events { worker_connections 4096; }
http {
	access_log off;
	default_type text/html;
	sendfile on;
	keepalive_requests 1000000;
	client_body_temp_path ${dir}/tmp/body;
	proxy_temp_path ${dir}/tmp/proxy;
	fastcgi_temp_path ${dir}/tmp/fastcgi;
	uwsgi_temp_path ${dir}/tmp/uwsgi;
	scgi_temp_path ${dir}/tmp/scgi;
	server {
		listen 127.0.0.1:${port};
		root ${root};
		location / { try_files $uri/index.html =404; }
	}
}
`
	);
	const child = pinned(0, [nginxPath, '-p', dir, '-e', `${dir}/logs/error.log`, '-c', conf]);
	let out = '';
	child.stderr.on('data', (d) => (out += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`nginx exited: ${out}`);
		try {
			if ((await fetch(url + Object.keys(files)[0])).ok) return { child, url, dir };
		} catch {
			/* not yet */
		}
		if (Date.now() > deadline) throw new Error(`nginx did not start: ${out}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * The app's throughput on a product's public page against nginx serving that page's bytes from
 * disk: the same client (autocannon on core 1, same connections, same duration), each server
 * alone on core 0, no tick load.
 */
export async function staticAnchor({
	seedBench,
	seedResults,
	sittings: S,
	members: N,
	durationMs
}) {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-anchor-'));
	const connections = 32;
	try {
		const sittings = seedBench(join(dir, 'ocop.db'), S, N);
		const seqs = seedResults(join(dir, 'ocop.db'), sittings);
		const path = `/results/${seqs[0]}`;
		const max = async (url) => {
			const file = join(dir, `max-${Math.random().toString(36).slice(2)}.json`);
			writeFileSync(file, JSON.stringify({ mode: 'max', url, path, durationMs, connections }));
			return runJson('bench/reads.js', [file]).done;
		};
		log(`throughput: the app's ${path}…`);
		const server = await startServer('app', dir);
		let bytes;
		let app;
		try {
			// Steady state: not while the app still renders its public pages ahead after its start
			// (on this database about 4 s of the core; measured inside that, the app's figure fell to
			// a third, and most of it was that work's garbage collection).
			await settled(server.child.pid);
			bytes = Buffer.from(await (await fetch(server.url + path)).arrayBuffer());
			app = await max(server.url);
		} finally {
			await stop(server.child);
		}
		const nginxBin = ensureNginx(log);
		if (!nginxBin.path)
			return {
				app,
				nginx: null,
				ratio: null,
				pageKiB: bytes.length / 1024,
				error: nginxBin.error
			};
		log(`throughput: nginx, the same ${(bytes.length / 1024).toFixed(1)} KiB from disk…`);
		const nginx = await startNginx(nginxBin.path, { [path]: bytes });
		let ng;
		try {
			ng = await max(nginx.url);
		} finally {
			await stop(nginx.child);
			rmSync(nginx.dir, { recursive: true, force: true });
		}
		return {
			app,
			nginx: ng,
			ratio: app.perSecond / ng.perSecond,
			pageKiB: bytes.length / 1024,
			connections
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
