// A member scores a whole card with the keyboard alone: Tab from the top of the page, Space or
// an arrow key on each criterion's options, Enter on the submit button. Every stop shows a
// focus ring that the sticky score bar does not cover, and the server keeps exactly the choices
// made. Needs the build (BUILD_DIR=…).
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';
import { DESKTOP, PHONE_390, focusStop } from '../helpers/page-audit';
import { seedTour } from '../helpers/page-tour';

const ITEM = '/sittings/demo-sitting-1/items/demo-item-1';

const app = useBuiltApp({ seed: seedTour });
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** Where focus is: the criterion and option of a radio, or the submit button. */
function where(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement;
		const field = el.closest('fieldset[data-code]');
		const bar = document.querySelector('.bar')!.getBoundingClientRect();
		const box = el.getBoundingClientRect();
		const inBar = !!el.closest('.bar');
		return {
			radio: el.type === 'radio',
			code: field?.getAttribute('data-code') ?? null,
			groupChecked: !!field?.querySelector(`input[name="${el.name}"]:checked`),
			value: el.type === 'radio' && el.checked ? Number(el.value) : null,
			submit: el.type === 'submit' && inBar,
			// Inside the viewport and, unless it is in the bar itself, not under the sticky bar.
			visible: box.top >= 0 && box.bottom <= (inBar ? innerHeight : bar.top) + 0.5
		};
	});
}

async function scoreByKeyboard(page: Page) {
	const picked: Record<string, number> = {};
	const hidden: string[] = [];
	const unringed: string[] = [];
	let stops = 0;
	for (; stops < 600; stops++) {
		await page.keyboard.press('Tab');
		let at = await where(page);
		const ring = await focusStop(page);
		if (ring && !ring.ring) unringed.push(ring.what);
		if (!at.visible) hidden.push(ring?.what ?? '?');
		if (at.submit) return { picked, hidden, unringed, stops, submit: true };
		if (at.radio && at.code && !at.groupChecked) {
			// Both ways a radio group answers the keyboard: Space takes the focused (first)
			// option, an arrow moves to the next option and takes it.
			await page.keyboard.press(stops % 2 ? 'Space' : 'ArrowDown');
			at = await where(page);
			expect(at.value, `${at.code} after a key`).not.toBeNull();
			picked[at.code!] = at.value!;
		}
	}
	return { picked, hidden, unringed, stops, submit: false };
}

describe('scoring with the keyboard alone', () => {
	for (const [size, viewport] of [
		['desktop', DESKTOP],
		['phone', PHONE_390]
	] as const) {
		const email = size === 'desktop' ? 'thanhvien2@ocop.demo' : 'thanhvien3@ocop.demo';
		it(`${size}: ticks every criterion, submits with Enter, the server keeps the card`, async () => {
			const context = await browser.newContext({ viewport });
			const page = await context.newPage();
			await login(page, app.url, email);
			await page.goto(`${app.url}${ITEM}/score`);
			await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
			// The page adds the criteria after the first few, a few per task (score/+page.svelte).
			await page.locator('form.scorecard[aria-busy=false]').waitFor();
			const leaves = await page
				.locator('fieldset[data-code]')
				.evaluateAll((fs) => fs.map((f) => f.getAttribute('data-code')!));

			const run = await scoreByKeyboard(page);
			expect(run.submit, `reached the submit button after ${run.stops} stops`).toBe(true);
			expect(Object.keys(run.picked).sort()).toEqual([...leaves].sort());
			expect(run.unringed, 'stops without a focus ring').toEqual([]);
			expect(run.hidden, 'stops off screen or under the sticky bar').toEqual([]);
			await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
			expect(await page.getByTestId('card-total').textContent()).not.toMatch(/^\s*0\b/);

			await page.keyboard.press('Enter');
			await page.getByText(/Đã nộp phiếu lúc/).waitFor();
			const db = new Database(app.dbFile, { readonly: true });
			const row = db
				.prepare(
					`select s.choices from scorecards s join users u on u.id = s.user_id
					 where s.item_id = 'demo-item-1' and u.email = ?`
				)
				.get(email) as { choices: string } | undefined;
			db.close();
			expect(JSON.parse(row!.choices)).toEqual(run.picked);
			await context.close();
		});
	}
});
