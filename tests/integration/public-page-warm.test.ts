// Public pages rendered ahead of readers (server/public-warm.ts), against the built app on a real
// SQLite file: after a start the list and the published products' pages are already stored;
// after another product's publication (written by another connection, as the CLI would), the
// pages readers had asked for again are stored again under the new facts before anyone asks,
// and a page nobody re-read is left to its next reader. Nothing stale is ever served.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let world: World;
let seqA = 0;
let seqB = 0;
const at = Date.UTC(2026, 10, 29, 3);
const spec = { setNo: 7, ranks: [1, 1, 1, 1], publish: true, closedAt: at };
const app = useBuiltApp({
	seed: (db) => {
		world = seedWorld(db, Date.UTC(2026, 10, 29));
		seqA = lockProduct(db, world, { ...spec, key: 'a', name: 'Mắm ruốc Sơn Trà' }).seq;
		seqB = lockProduct(db, world, { ...spec, key: 'b', name: 'Bánh tráng Túy Loan' }).seq;
	}
});

const get = async (path: string) => {
	const res = await fetch(app.url + path);
	return { status: res.status, cache: res.headers.get('x-cache'), text: await res.text() };
};

/** Resolves once the app has said `n` times that it rendered pages ahead of readers. */
async function warmPasses(n: number): Promise<void> {
	const said = () => app.app.output().match(/rendered ahead of readers/g)?.length ?? 0;
	while (said() < n) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(() => warmPasses(1));

describe('public pages rendered ahead of readers', () => {
	it('has the list and each published product page stored when the first reader comes', async () => {
		expect(app.app.output()).toMatch(/public pages: 3 rendered ahead of readers/);
		const list = await get('/results');
		expect(list.cache).toBe('hit');
		expect(list.text).toContain('Mắm ruốc Sơn Trà');
		const page = await get(`/results/${seqA}`);
		expect(page.cache).toBe('hit');
		expect(page.text).toContain('Mắm ruốc Sơn Trà');
		expect(page.text).not.toContain('integrity-broken');
	});

	it('after another publication, stores again what readers re-read, with the new facts', async () => {
		// One transaction, so that the app sees the lock, its head and its publication at once.
		const added = app.db.transaction(() =>
			lockProduct(app.db, world, { ...spec, key: 'c', name: 'Trà sâm dứa Liên Chiểu' })
		);
		await warmPasses(2);
		const list = await get('/results');
		expect(list.cache).toBe('hit');
		// The publication is on the stored page: it was rendered after the change.
		expect(list.text).toContain('Trà sâm dứa Liên Chiểu');
		const page = await get(`/results/${seqA}`);
		expect(page.cache).toBe('hit');
		expect(page.text).toContain(added.hash);
		// Nobody asked for B after the start: its stored page was not rendered again, and its next
		// reader gets a fresh render, never the page from before the publication.
		const cold = await get(`/results/${seqB}`);
		expect(cold.cache).toBe('miss');
		expect(cold.text).toContain(added.hash);
	});
});
