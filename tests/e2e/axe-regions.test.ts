// Two findings of an outside axe audit, guarded where they were found. The sitting page's chat
// list scrolls once the chat grows: a scrolling box the keyboard cannot reach is a serious
// "scrollable-region-focusable". The office's decisions page at phone width put each wide table
// in a region named after its section's heading, inside the section of that same name: a
// moderate "landmark-unique" (the page tour counts only serious findings). Needs the build.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';
import { DESKTOP, PHONE_390, ruleViolations, settle } from '../helpers/page-audit';
import { ROLE_EMAILS, seedChat } from '../helpers/page-tour';

const app = useBuiltApp({
	seed: async (db) => {
		const now = Date.now();
		await seedDemo(db, now);
		db.$client.prepare("update sittings set state = 'open' where id = 'demo-sitting-1'").run();
		seedChat(db, 'demo-sitting-1', 30, now);
	}
});
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function signedIn(email: string, viewport: { width: number; height: number }) {
	const page = await (await browser.newContext({ viewport })).newPage();
	await login(page, app.url, email);
	return page;
}

describe('axe findings of the audit', { timeout: 120_000 }, () => {
	it('the sitting page: the scrolling chat log is reachable by keyboard', async () => {
		const page = await signedIn(ROLE_EMAILS.member, DESKTOP);
		await page.goto(`${app.url}/sittings/demo-sitting-1`);
		await page.locator('[data-connected=true]').waitFor();
		const list = page.getByTestId('chat-list');
		await list.getByText('Ý kiến số 30').waitFor();
		// The state the finding needs: the list does scroll.
		expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
		expect(await ruleViolations(page, ['scrollable-region-focusable'])).toEqual([]);
		expect(await page.getByRole('log', { name: 'Trao đổi' }).count()).toBe(1);
	});

	it('the decisions page at phone width: every landmark is unique', async () => {
		const page = await signedIn(ROLE_EMAILS.office, PHONE_390);
		await page.goto(`${app.url}/office/decisions`);
		await page.locator('button[data-testid=menu-toggle]').waitFor({ state: 'attached' });
		await settle(page);
		// The state the finding needs: a table scrolls sideways and is a keyboard stop.
		await page.locator('.table-wrap[tabindex="0"]').first().waitFor({ state: 'attached' });
		// Those inside a section of their heading's name are named groups, not a second region.
		expect(
			await page.locator('section[aria-labelledby] > .table-wrap[role=group]').count()
		).toBeGreaterThan(0);
		expect(await ruleViolations(page, ['landmark-unique', 'scrollable-region-focusable'])).toEqual(
			[]
		);
	});
});
