// The chair's board page is drawn from the server's first answer: who is connected, how far each
// open card is and what has been submitted are in the HTML, before any script or socket runs.
// Before, the page said "Đang kết nối…" until socket.io had loaded and answered, and the whole
// board was laid out in one task after that (Lighthouse's longest on the page).
import { afterAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { useBuiltApp } from '../helpers/built-app';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { provider, synced } from './yjs-helpers';

const app = useBuiltApp<ScoringFixture>({
	seed: (db) =>
		seedScoringFixture(db, sessionPolicyOf(loadConfig({ NODE_ENV: 'test' })), Date.now())
});
const providers: WebsocketProvider[] = [];
afterAll(() => {
	for (const p of providers) p.destroy();
});

async function boardHtml(who: Person) {
	const f = app.seeded;
	const res = await fetch(`${app.url}/sittings/${f.sittingId}/items/${f.itemId}/board`, {
		headers: { cookie: f.cookies[who], 'accept-language': 'vi' },
		redirect: 'manual'
	});
	return { status: res.status, html: await res.text() };
}

/** The member's row of the board table as the server rendered it, tags stripped. */
function row(html: string, userId: string): string {
	const start = html.indexOf(`data-member="${userId}"`);
	expect(start, `no row for ${userId}`).toBeGreaterThan(-1);
	const end = html.indexOf('</tr>', start);
	return html
		.slice(start, end)
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ');
}

describe('the board page before any script runs', () => {
	it('shows every scorer, offline, with nothing answered, and no "connecting"', async () => {
		const f = app.seeded;
		const { status, html } = await boardHtml('chair');
		expect(status).toBe(200);
		expect(html).not.toContain('Đang kết nối…');
		expect(html).toContain('data-testid="board-submitted"');
		for (const who of ['m1', 'm2', 'm3'] as const) {
			expect(row(html, f.ids[who])).toContain('Ngoại tuyến');
			expect(row(html, f.ids[who])).toMatch(/ 0\/\d+ /);
		}
		// The recused member is listed as such, not as a scorer who is late.
		expect(row(html, f.ids.recused)).toContain('Không tham gia chấm');
	});

	it('shows a member whose card is open as connected, with the leaves answered in the draft', async () => {
		const f = app.seeded;
		const m1 = provider(app.url, cardDocName(f.itemId, f.ids.m1), f.cookies.m1);
		providers.push(m1.provider);
		await synced(m1.provider);
		const choices = m1.doc.getMap('choices');
		const three = Object.entries(card()).slice(0, 3);
		m1.doc.transact(() => {
			for (const [code, option] of three) choices.set(code, option);
		});
		// The draft is the live one on the server once its write has been answered.
		let m1Row = '';
		for (let i = 0; i < 50 && !/ 3\/\d+ /.test(m1Row); i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			m1Row = row((await boardHtml('chair')).html, f.ids.m1);
		}
		expect(m1Row).toMatch(/ 3\/\d+ /);
		expect(m1Row).toContain('Trực tuyến');
		expect(m1Row).not.toContain('Ngoại tuyến');
		// The secretary's board reads the same live facts.
		expect(row((await boardHtml('secretary')).html, f.ids.m1)).toMatch(/ 3\/\d+ /);
		// Another scorer stays as they were.
		expect(row((await boardHtml('chair')).html, f.ids.m2)).toContain('Ngoại tuyến');
	});

	it('is still refused to a scorer and to someone outside the council, as a missing page', async () => {
		for (const who of ['m2', 'outsider'] as const) {
			const { status, html } = await boardHtml(who);
			expect(status).toBe(404);
			expect(html).not.toContain('data-testid="board-member"');
		}
	});
});
