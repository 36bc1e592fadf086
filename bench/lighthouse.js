// The member's and the public's pages in a browser: a fresh app on a small seeded database,
// idle, and Lighthouse run against it (bench/lighthouse-run.js). Chromium gets both cores
// (LIGHTHOUSE_CORES, a taskset list): pinned with all its processes to one core, the page's
// thread waited for the core behind Chromium's own threads, which run above it (as root,
// Chromium 148 raises its IO and compositor threads to nice -8): in a trace of the static
// product page one layout took 132 ms of which 28 ms on the core, and Lighthouse's simulated
// phone counts the whole wall time, 4×. The app is idle during this phase (the bench waits for
// its start-up work to end); it serves only the page's own requests.
// Lighthouse's blank page (where each run starts) is the app's /healthz, not about:blank: every
// answer of the app sends COOP same-origin, and a navigation from about:blank then starts a new
// renderer inside the measured load (bench/report.js gives the figures).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settled } from './proc.js';
import { runJson, startServer, stop } from './servers.js';
import { log } from './ticks.js';

export async function lighthousePhase({ seedBench, seedResults, members: N }) {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-lighthouse-'));
	try {
		const sittings = seedBench(join(dir, 'ocop.db'), 3, N);
		const seqs = seedResults(join(dir, 'ocop.db'), sittings);
		const server = await startServer('app', dir);
		try {
			// The app renders the public pages ahead after it starts (public-warm.ts), a few seconds
			// of a core: the first page measured must not share the machine with that.
			await settled(server.child.pid);
			const s = sittings[0];
			const item = `/sittings/${s.sittingId}/items/${s.itemId}`;
			const pages = [
				{
					name: 'live sitting (member)',
					path: `/sittings/${s.sittingId}`,
					cookie: s.members[0].cookie
				},
				{ name: "member's home", path: '/member', cookie: s.members[0].cookie },
				{ name: 'scorecard (member)', path: `${item}/score`, cookie: s.members[0].cookie },
				{ name: 'board (chair)', path: `${item}/board`, cookie: s.chairCookie },
				{ name: 'public results list', path: '/results' },
				{ name: 'public product page', path: `/results/${seqs[0]}` }
			]
				// LIGHTHOUSE_ONLY=score: only the pages whose name contains it (trying a change).
				.filter((p) => !process.env.LIGHTHOUSE_ONLY || p.name.includes(process.env.LIGHTHOUSE_ONLY))
				.map((p) => ({
					name: p.name,
					url: server.url + p.path,
					cookie: p.cookie,
					blankPage: server.url + '/healthz'
				}));
			const file = join(dir, 'lighthouse.json');
			writeFileSync(
				file,
				JSON.stringify({ pages, chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' })
			);
			log(`lighthouse: ${pages.length} pages…`);
			// Each run's line as it ends (about 10 s a run, 30 runs in all): the phase shows its progress.
			let shown = 0;
			return await runJson('bench/lighthouse-run.js', [file], {
				cores: process.env.LIGHTHOUSE_CORES ?? '0,1',
				onStderr: (all) => {
					process.stderr.write(all.slice(shown));
					shown = all.length;
				}
			}).done;
		} finally {
			await stop(server.child);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
