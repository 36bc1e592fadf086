// A scorecard that sends far too fast in Chromium: the server closes it 4429, the page says so in
// Vietnamese, reconnects by itself after the back-off, and the server ends up with the last tick.
// Needs the build (BUILD_DIR).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YJS_MESSAGE_BURST } from '../../server/yjs/endpoint';
import type { Db } from '../../src/lib/server/db/client';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { launchBrowser } from '../helpers/browser';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { seedScoringFixture, type ScoringFixture } from '../integration/scoring-fixture';
import { storedDoc } from '../integration/yjs-helpers';

const built = useBuiltApp({
	seed: (db) => seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, Date.now()),
	timeoutMs: 60_000
});
let app: AppProcess;
let browser: Browser;
let db: Db;
let f: ScoringFixture;

beforeAll(async () => {
	({ app, db, seeded: f } = built);
	browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

describe('a Yjs flood from the browser', () => {
	it('shows the pause in Vietnamese, reconnects after it and keeps the last tick', async () => {
		const context = await browser.newContext();
		const [name, value] = f.cookies.m1.split('=');
		await context.addCookies([{ name, value, url: app.url }]);
		const page = await context.newPage();
		await page.goto(`${app.url}/sittings/${f.sittingId}/items/${f.itemId}/score`);
		await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
		const field = page.locator('fieldset[data-code]').first();
		const code = (await field.getAttribute('data-code'))!;
		// Far more ticks in one go than any person makes: each one is a message to the server.
		const last = await field.evaluate((el, n) => {
			const inputs = [...el.querySelectorAll<HTMLInputElement>('input[type=radio]')];
			for (let i = 0; i < n; i++) inputs[i % 2].click();
			return Number(inputs[(n - 1) % 2].value);
		}, YJS_MESSAGE_BURST + 400);
		const notice = page.getByTestId('live-limited');
		await expect
			.poll(() => notice.textContent(), { timeout: 10_000 })
			.toBe(
				'Bạn gửi thay đổi quá nhanh nên kết nối tạm dừng. Những gì đã nhập vẫn được giữ trên máy này và sẽ được gửi khi tự kết nối lại sau khoảng 5 giây.'
			);
		// Still writable: a rate limit is not a refusal.
		await expect.poll(() => field.locator('input').first().isDisabled()).toBe(false);
		await notice.waitFor({ state: 'detached', timeout: 20_000 });
		await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
		const stored = storedDoc(db, cardDocName(f.itemId, f.ids.m1)).getMap('choices').get(code);
		expect(stored).toBe(last);
		await context.close();
	});
});
