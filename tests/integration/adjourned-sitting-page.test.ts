// An adjourned sitting still opens, so that people can read its record; its chat and hands are
// closed (the server refuses both: meeting-control.test.ts). The page says so at once, in the
// HTML, instead of offering a box whose message is refused.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sittings } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/built-app';
import { seedRecusalWorld, type RecusalWorld } from '../helpers/recusal-world';

const app = useBuiltApp<RecusalWorld>({ seed: (db) => seedRecusalWorld(db, Date.now()) });

async function sittingPage(lang: 'vi' | 'en') {
	const w = app.seeded;
	const res = await fetch(`${app.url}/sittings/${w.sittingId}`, {
		headers: { cookie: `${w.cookies.m1}; ocop_lang=${lang}` }
	});
	expect(res.status).toBe(200);
	return res.text();
}

/** The tag of the element with this id, as the server rendered it. */
const tagOf = (html: string, id: string) => html.match(new RegExp(`<[^>]*id="${id}"[^>]*>`))?.[0];

describe('the page of a sitting', () => {
	it('in session: chat and hands are open', async () => {
		const html = await sittingPage('vi');
		expect(html).not.toContain('data-testid="chat-closed"');
		expect(tagOf(html, 'chat-text')).not.toContain('disabled');
	});

	it('adjourned: chat and hands are closed, and the page says why in the reader’s language', async () => {
		app.db
			.update(sittings)
			.set({ state: 'adjourned' })
			.where(eq(sittings.id, app.seeded.sittingId))
			.run();
		const vi = await sittingPage('vi');
		// An ended sitting says so in those words, not the generic "not published or ended".
		expect(vi).toMatch(/data-testid="chat-closed"[^>]*>Phiên họp đã kết thúc\./);
		expect(vi).toMatch(/data-testid="hands-closed"[^>]*>Phiên họp đã kết thúc\./);
		expect(vi).not.toContain('Phiên họp chưa được công bố hoặc đã kết thúc');
		expect(tagOf(vi, 'chat-text')).toContain('disabled');
		expect(await sittingPage('en')).toContain('The sitting has ended.');
	});
});
