// What a member's card says about the card that counts, in Chromium: a card changed after it
// was submitted is not shown as submitted (and the chair's board marks it), a locked item shows
// the card the result was computed from (not later ticks, nor "only on this device"), a deferred
// item says it was deferred, and provisional stars held below the band name the criteria that
// hold them. Needs the build (BUILD_DIR=…).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../helpers/app-process';
import { insertAgendaProduct } from '../helpers/agenda-product';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { command, connectAs, type Client } from '../helpers/recusal-world';
import { agendaItems } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import {
	card,
	seedScoringFixture,
	type Person,
	type ScoringFixture
} from '../integration/scoring-fixture';

const built = useBuiltApp({
	seed: (db) => {
		const now = Date.now();
		const f = seedScoringFixture(
			db,
			{ idleMs: 3_600_000, absoluteMs: 86_400_000 },
			now,
			'pending',
			{ chairVoting: false }
		);
		// A second product, deferred while it is scored.
		const deferredItem = insertAgendaProduct(db, {
			n: 2,
			sittingId: f.sittingId,
			position: 2,
			name: 'Bánh dừa nướng Quý Thu',
			state: 'pending',
			now
		});
		return { ...f, deferredItem };
	},
	timeoutMs: 60_000
});
let app: AppProcess;
let browser: Browser;
let f: ScoringFixture & { deferredItem: string };
/** The chair and two members at the sitting over the commands' socket: a quorum throughout. */
let people: Client[] = [];

beforeAll(async () => {
	({ app, seeded: f } = built);
	browser = await launchBrowser();
	people = await Promise.all(
		[f.cookies.chair, f.cookies.m2, f.cookies.m3].map((c) => connectAs(app.url, c))
	);
	for (const p of people) await command(p, 'sitting:join', { sittingId: f.sittingId });
}, 60_000);
afterAll(async () => {
	for (const p of people) p.close();
	await browser?.close();
});

/** The chair moves an item, as the sitting page's buttons do. */
async function move(itemId: string, to: string): Promise<void> {
	expect(await command(people[0], 'item:move', { itemId, to })).toMatchObject({ ok: true });
}

/** Opens scoring of the first product unless it is open already (each test may run alone). */
async function scoringOpen(): Promise<void> {
	const row = built.db
		.select({ state: agendaItems.state })
		.from(agendaItems)
		.where(eq(agendaItems.id, f.itemId))
		.get();
	if (row?.state === 'pending') await move(f.itemId, 'scoring');
}

async function open(
	who: Person,
	page: 'score' | 'board',
	itemId = f.itemId,
	before?: (p: Page) => Promise<void>
): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const [name, value] = f.cookies[who].split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	const p = await context.newPage();
	await before?.(p);
	await p.goto(`${app.url}/sittings/${f.sittingId}/items/${itemId}/${page}`);
	if (page === 'score') await p.locator('[data-testid=save-status][data-status=saved]').waitFor();
	return p;
}

async function tick(page: Page, choices: Record<string, number>, saved = true): Promise<void> {
	await page.locator('form.scorecard[aria-busy=false]').waitFor();
	for (const [code, option] of Object.entries(choices))
		await page.locator(`fieldset[data-code="${code}"] input[value="${option}"]`).check();
	if (saved) await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
}

async function submit(page: Page): Promise<void> {
	await page.getByRole('button', { name: /^(Nộp phiếu|Nộp lại phiếu)$/ }).click();
	await page.getByText(/Đã nộp phiếu lúc/).waitFor();
}

const total = (p: Page) => p.getByTestId('card-total').textContent();
// Criterion 2.2 of set 7: 0 / 1 / 2 (***) / 3 points; card() ticks 3 points (option 3).
const HELD = '2.2';

describe('the card says which card counts', () => {
	it('says a deferred item was deferred, and that its cards do not count', async () => {
		await move(f.deferredItem, 'scoring');
		const m1 = await open('m1', 'score', f.deferredItem);
		await tick(m1, card());
		await submit(m1);
		await move(f.deferredItem, 'deferred');

		// The bar says why the card can no longer be sent: deferred, not "not opened yet".
		await expect
			.poll(() => m1.getByTestId('bar-reason').textContent())
			.toContain('Đã hoãn xét: không nộp phiếu được nữa');
		const notice = m1.getByTestId('item-deferred');
		expect(await notice.textContent()).toContain(
			'Chủ tịch Hội đồng đã hoãn xét sản phẩm này: không có kết quả nào được khóa, và các phiếu của lần xét này (kể cả phiếu bạn đã nộp) không được tính.'
		);
		// Not "not opened yet", and not "submitted" in green beside it.
		expect(await m1.getByText(/chưa mở chấm điểm/i).count()).toBe(0);
		expect(await m1.getByText(/Đã nộp phiếu lúc/).count()).toBe(0);
		expect(await m1.getByTestId('save-status').getAttribute('data-status')).toBe('deferred');
		// The same after a reload.
		await m1.reload();
		await notice.waitFor();
		expect(await m1.getByText(/chưa mở chấm điểm/i).count()).toBe(0);
		expect(await m1.getByText(/Đã nộp phiếu lúc/).count()).toBe(0);
		await m1.context().close();
	});

	it('names the criteria that hold the provisional stars below the band', async () => {
		await scoringOpen();
		const m2 = await open('m2', 'score');
		await tick(m2, { ...card(), [HELD]: 1 });
		// 98 points (band 5★), but 2.2 misses its *** marker: 2★.
		expect(await total(m2)).toBe('98/100');
		expect(await m2.getByTestId('card-stars').textContent()).toContain('2★');
		const held = m2.getByTestId('stars-held');
		await held.waitFor();
		expect(await held.textContent()).toContain('Hạng sao giữ ở 2★ (điểm đạt mức 5★)');
		expect(await held.textContent()).toContain('2.2 (cần ≥ 2 điểm cho 3★)');
		// Met again: the band decides, and nothing is said.
		await tick(m2, { [HELD]: 3 });
		await expect.poll(() => held.count()).toBe(0);
		expect(await m2.getByTestId('card-stars').textContent()).toContain('5★');
		await m2.context().close();
	});

	it('warns of changes after submitting, marks them on the board, and shows the counted card once locked', async () => {
		await scoringOpen();
		const board = await open('chair', 'board');
		// m1's card document: what the page sends can be held back (a network that drops out).
		let hold = false;
		const m1 = await open('m1', 'score', f.itemId, (p) =>
			p.routeWebSocket(/\/yjs\/card\//, (ws) => {
				const server = ws.connectToServer();
				ws.onMessage((m) => {
					if (!hold) server.send(m);
				});
				server.onMessage((m) => ws.send(m));
			})
		);
		const m2 = await open('m2', 'score');
		const m3 = await open('m3', 'score');
		for (const p of [m2, m3, m1]) {
			await tick(p, card());
			await submit(p);
		}
		await board.locator('[data-testid=board-submitted]', { hasText: '3/3' }).waitFor();

		// A tick after submitting: the card on screen is no longer the one that counts.
		await tick(m1, { [HELD]: 1 });
		expect(await total(m1)).toBe('98/100');
		await expect.poll(() => m1.getByText(/Có thay đổi chưa nộp/).count()).toBe(1);
		expect(await m1.getByText(/^Đã nộp phiếu lúc/).count()).toBe(0);
		const changed = m1.locator('[data-testid=card-standing][data-state=changed]');
		await changed.waitFor();
		const warning = await changed.textContent();
		expect(warning).toMatch(
			/Có thay đổi chưa nộp: phiếu đã nộp lúc \d\d:\d\d \(100 điểm\) vẫn là phiếu được tính\. Bấm “Nộp lại phiếu” để tính các thay đổi\./
		);
		expect(await changed.getAttribute('class')).toContain('warn');
		// The chair sees it too; the counted total stays the submitted card's.
		const row = board.locator(`[data-testid=board-member][data-member="${f.ids.m1}"]`);
		await row.locator('[data-testid=member-status]', { hasText: 'có thay đổi' }).waitFor();
		expect(await row.getAttribute('data-changed')).toBe('true');
		expect(await row.getByTestId('member-status').textContent()).toContain(
			'Đã nộp, có thay đổi chưa nộp lại'
		);
		expect(await row.getByTestId('member-total').textContent()).toBe('100');
		// Undone by hand: the card matches the submitted one again, on both screens.
		await tick(m1, { [HELD]: 3 });
		await m1.locator('[data-testid=card-standing][data-state=submitted]').waitFor();
		await expect.poll(() => row.getAttribute('data-changed')).toBe('false');
		await tick(m1, { [HELD]: 1 });
		await changed.waitFor();
		await expect.poll(() => row.getAttribute('data-changed')).toBe('true');

		// One more tick that never reaches the server, and the chair closes.
		hold = true;
		await tick(m1, { '1.1': 1 }, false);
		await m1.locator('[data-testid=save-status][data-status=local]').waitFor();
		await board.getByRole('button', { name: 'Kết thúc và khóa kết quả' }).click();
		await board
			.getByTestId('confirm-dialog')
			.getByRole('button', { name: 'Kết thúc và khóa kết quả' })
			.click();
		await board.getByTestId('locked').waitFor();

		// The member's page shows the card that was counted: its ticks and its total.
		const counted = async (p: Page) => {
			await p.getByTestId('locked').waitFor();
			const state = p.locator('[data-testid=card-standing][data-state=counted-changed]');
			await state.waitFor();
			expect(await state.textContent()).toMatch(
				/Phiếu được tính là phiếu bạn nộp lúc \d\d:\d\d: 100 điểm\. .*Các thay đổi sau lần nộp này không được tính\./
			);
			expect(await total(p)).toBe('100/100');
			expect(await p.locator(`fieldset[data-code="${HELD}"] input[value="3"]`).isChecked()).toBe(
				true
			);
			// Nothing promises a sync the server will never accept.
			expect(await p.getByTestId('save-status').getAttribute('data-status')).toBe('locked');
			expect(await p.getByText(/Chỉ lưu trên thiết bị này|Chưa lưu lên máy chủ/).count()).toBe(0);
		};
		await counted(m1);
		// And after a reload, from the server's copy of the draft (its ticks after submitting).
		hold = false;
		await m1.reload();
		await counted(m1);
		// A member whose card did not change sees the same card, unqualified.
		await m2.getByTestId('locked').waitFor();
		await m2.locator('[data-testid=card-standing][data-state=counted]').waitFor();
		for (const p of [board, m1, m2, m3]) await p.context().close();
	}, 120_000);
});
