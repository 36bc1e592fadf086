// What the chair's board and a member's card say while an item is scored, in Chromium: the close
// dialog, for a member who ticked everything but has not submitted, names that (not "0/32"), the
// count of cards stays sensible when members who submitted have left, and a member who submits
// with the keyboard keeps the focus on the button. Needs the build (BUILD_DIR=…).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import {
	card,
	seedScoringFixture,
	type Person,
	type ScoringFixture
} from '../integration/scoring-fixture';

const built = useBuiltApp({
	seed: (db) =>
		seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, Date.now(), 'scoring', {
			chairVoting: false
		}),
	timeoutMs: 60_000
});
let app: AppProcess;
let browser: Browser;
let f: ScoringFixture;

beforeAll(async () => {
	({ app, seeded: f } = built);
	browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

async function open(who: Person, page: 'score' | 'board'): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const [name, value] = f.cookies[who].split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	const p = await context.newPage();
	await p.goto(`${app.url}/sittings/${f.sittingId}/items/${f.itemId}/${page}`);
	if (page === 'score') await p.locator('[data-testid=save-status][data-status=saved]').waitFor();
	return p;
}

async function tick(page: Page, choices: Record<string, number>): Promise<void> {
	await page.locator('form.scorecard[aria-busy=false]').waitFor();
	for (const [code, option] of Object.entries(choices))
		await page.locator(`fieldset[data-code="${code}"] input[value="${option}"]`).check();
	await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
}

describe('the board and the card say what is going on', () => {
	it('names an unsubmitted card as such, counts cards of members who left, keeps the focus', async () => {
		const board = await open('chair', 'board');
		const m1 = await open('m1', 'score');
		const m2 = await open('m2', 'score');
		const m3 = await open('m3', 'score');
		for (const p of [m2, m3]) {
			await tick(p, card());
			await p.getByRole('button', { name: 'Nộp phiếu' }).click();
			await p.getByText(/Đã nộp phiếu lúc/).waitFor();
		}
		// m1 has ticked every criterion and not submitted.
		await tick(m1, card());
		await board.locator('[data-testid=board-submitted]', { hasText: '2/3' }).waitFor();

		// The close dialog says the server would refuse, naming m1's card as unsubmitted.
		await board.getByRole('button', { name: 'Kết thúc và khóa kết quả' }).click();
		const dialog = board.getByTestId('confirm-dialog');
		await dialog.waitFor();
		expect(await dialog.textContent()).toContain('Người m1: chưa nộp phiếu');
		expect(await dialog.textContent()).not.toMatch(/Người m1: 0\//);
		await dialog.getByRole('button', { name: 'Đã hiểu' }).click();

		// m2 and m3 leave with their cards submitted: two cards, one member present.
		await m2.context().close();
		await m3.context().close();
		const count = board.getByTestId('board-submitted');
		await expect
			.poll(() => count.textContent(), { timeout: 15_000 })
			.toContain('2 phiếu đã nộp; 1 thành viên đang có mặt');
		expect(await count.textContent()).not.toContain('2/1');

		// m1 submits with the keyboard: the focus stays on the button (now "submit again").
		const submit = m1.getByRole('button', { name: 'Nộp phiếu' });
		await submit.focus();
		await m1.keyboard.press('Enter');
		await m1.getByText(/Đã nộp phiếu lúc/).waitFor();
		expect(
			await m1.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				return `${el.tagName} ${el.textContent?.trim()}`;
			})
		).toBe('BUTTON Nộp lại phiếu');
	});
});
