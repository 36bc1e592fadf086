// The office's council page has several forms (settings, members, rounds, sittings) and reports
// each form's outcome at its top. A refusal of a form low on the page is brought into view, so
// the office sees why nothing was created. Needs the build (BUILD_DIR=…).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';

const app = useBuiltApp({ seed: (db) => seedDemo(db, Date.now()) });
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('a refused form on the council page', () => {
	for (const viewport of [
		{ width: 1366, height: 768 },
		{ width: 390, height: 844 }
	]) {
		it(`is shown where the office is looking (${viewport.width} px)`, async () => {
			const page = await (await browser.newContext({ viewport })).newPage();
			await login(page, app.url, 'vanphong@ocop.demo');
			await page.goto(`${app.url}/office/councils/${DEMO_COUNCIL_ID}`);
			const form = page.locator('form[action="?/addSitting"]');
			await form.locator('input[name=title]').fill('Phiên gõ nhầm năm');
			await form.locator('input[type=date]').fill('2025-12-07');
			await form.locator('input[type=time]').fill('08:30');
			await form.getByRole('button', { name: 'Tạo phiên họp' }).click();
			const error = page.getByTestId('form-error');
			await error.waitFor();
			expect(await error.textContent()).toContain('Ngày họp 07/12/2025 đã qua');
			const box = await error.evaluate((e) => {
				const r = e.getBoundingClientRect();
				return { top: r.top, bottom: r.bottom, height: innerHeight };
			});
			expect(box.top, 'the refusal is not above the screen').toBeGreaterThanOrEqual(-1);
			expect(box.bottom, 'nor below it').toBeLessThanOrEqual(box.height + 1);
			await page.context().close();
		});
	}
});
