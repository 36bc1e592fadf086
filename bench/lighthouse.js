// The member's and the public's pages in a browser: a fresh app on a small seeded database,
// idle, and Lighthouse run against it (bench/lighthouse-run.js on core 1).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJson, startServer, stop } from './servers.js';
import { log } from './ticks.js';

export async function lighthousePhase({ seedBench, seedResults, members: N }) {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-bench-lighthouse-'));
	try {
		const sittings = seedBench(join(dir, 'ocop.db'), 3, N);
		const seqs = seedResults(join(dir, 'ocop.db'), sittings);
		const server = await startServer('app', dir);
		try {
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
				.map((p) => ({ name: p.name, url: server.url + p.path, cookie: p.cookie }));
			const file = join(dir, 'lighthouse.json');
			writeFileSync(
				file,
				JSON.stringify({ pages, chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' })
			);
			log(`lighthouse: ${pages.length} pages…`);
			return await runJson('bench/lighthouse-run.js', [file]).done;
		} finally {
			await stop(server.child);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
