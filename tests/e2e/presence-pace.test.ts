// Fast keyboard use on the scorecard never trips the server's presence limit (10 at once, then
// 2 a second): every focus change on a criterion says "I am looking here" to the others, and a
// held Tab or quick ticking made more of those than the server takes, so the page paused the
// notes and blamed the member ("Bạn gửi thay đổi quá nhanh…"). The page now sends its presence
// at the server's pace, the last place winning. Needs the build (BUILD_DIR).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { seedScoringFixture, type ScoringFixture } from '../integration/scoring-fixture';

const built = useBuiltApp({
	seed: (db) => seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, Date.now()),
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

/** The member's card, and the Yjs connections of the page that have closed since it opened. */
async function openCard(who: 'm1' | 'm2'): Promise<{ page: Page; closed: string[] }> {
	const context = await browser.newContext();
	const [name, value] = f.cookies[who].split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	const page = await context.newPage();
	const closed: string[] = [];
	page.on('websocket', (ws) => {
		if (ws.url().includes('/yjs/')) ws.on('close', () => closed.push(ws.url()));
	});
	await page.goto(`${app.url}/sittings/${f.sittingId}/items/${f.itemId}/score`);
	await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
	return { page, closed };
}

describe('presence at keyboard speed', () => {
	it('a held Tab and quick ticks keep the notes connected, and the others see where focus ended', async () => {
		const { page: watcher } = await openCard('m2');
		const { page, closed } = await openCard('m1');
		// Tab held down: 40 presses 60 ms apart, through the criteria of the card.
		await page.locator('fieldset[data-code] input[type=radio]').first().focus();
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			await page.waitForTimeout(60);
		}
		// Then ticking about five a second on one criterion, each tick a focus change.
		const field = page.locator('fieldset[data-code]').nth(2);
		const radios = field.locator('input[type=radio]');
		for (let i = 0; i < 15; i++) {
			await radios.nth(i % 2).click();
			await page.waitForTimeout(200);
		}
		const code = (await field.getAttribute('data-code'))!;
		// The last place wins: the other member sees m1 on the criterion ticked last.
		await watcher
			.locator(`fieldset[data-code="${code}"] .badge`, { hasText: 'Người m1' })
			.waitFor({ timeout: 10_000 });
		// Give a pause the time it would have taken to show.
		await page.waitForTimeout(1_500);
		expect(await page.getByTestId('live-limited').count()).toBe(0);
		expect(closed).toEqual([]);
		await page.context().close();
		await watcher.context().close();
	});
});
