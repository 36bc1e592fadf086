// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// The chair ends the sitting from the sitting page in Chromium: the button waits while an item
// is live, asks first (saying how many products go to a later sitting), and then every page in
// the sitting (a member's here) closes its chat, hands and video at once, says when it ended and
// offers the minutes, without a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/lib/domain/meeting';
import { translator } from '../../src/lib/i18n';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { agendaItems, users } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import {
	command,
	connectAs,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';

const t = translator('vi');
const app = useBuiltApp({
	seed: (db) => {
		const world = seedRecusalWorld(db, Date.now());
		// The products' producer, presenter of both: waits in the lobby.
		db.insert(users)
			.values({
				id: 'u-producer',
				email: 'producer@t.vn',
				name: 'Chủ thể',
				role: 'producer',
				organizationId: 'o1',
				createdAt: Date.now()
			})
			.run();
		db.update(agendaItems)
			.set({ presenters: ['u-producer'] })
			.run();
		const policy = { idleMs: 3_600_000, absoluteMs: 86_400_000 };
		const { token } = createSession(db, 'u-producer', policy, Date.now());
		return { ...world, producerCookie: `${SESSION_COOKIE}=${token}` };
	}
});
let browser: Browser;
let chairSocket: Client;
let chair: Page;
let member: Page;
let producer: Page;
let w: RecusalWorld & { producerCookie: string };

async function pageAs(cookie: string): Promise<Page> {
	const context = await browser.newContext();
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('page error', e));
	await page.goto(`${app.url}/sittings/${w.sittingId}`);
	await page.locator('[data-connected=true]').waitFor();
	return page;
}

beforeAll(async () => {
	w = app.seeded;
	browser = await launchBrowser();
	chairSocket = await connectAs(app.url, w.cookies.chair);
	await command(chairSocket, 'sitting:join', { sittingId: w.sittingId });
	chair = await pageAs(w.cookies.chair);
	member = await pageAs(w.cookies.m1);
	producer = await pageAs(w.producerCookie);
});
afterAll(async () => {
	chairSocket?.close();
	await browser?.close();
});

async function move(itemId: string, to: ItemState) {
	expect(await command(chairSocket, 'item:move', { itemId, to })).toMatchObject({ ok: true });
}

describe('the chair ends the sitting', () => {
	it('cannot while an item is live, and says why', async () => {
		await move(w.itemId, 'presenting');
		const button = chair.getByTestId('adjourn');
		await expect.poll(() => button.isDisabled()).toBe(true);
		expect(await chair.locator('#adjourn-live').textContent()).toBe(
			t('meeting.errors.adjourn.itemLive')
		);
		expect(await member.getByTestId('adjourn').count()).toBe(0);
	});

	it('asks first, then every page in the sitting closes at once', async () => {
		await move(w.itemId, 'deferred');
		const button = chair.getByTestId('adjourn');
		await expect.poll(() => button.isEnabled()).toBe(true);
		await button.click();
		const dialog = chair.locator('dialog[open]');
		expect(await dialog.textContent()).toContain(t('meeting.adjourn.textDeferred', { count: 1 }));
		// Cancelled: nothing happens.
		await chair.keyboard.press('Escape');
		await dialog.waitFor({ state: 'detached' }).catch(() => dialog.waitFor({ state: 'hidden' }));
		expect(await member.getByTestId('sitting-ended').count()).toBe(0);

		await button.click();
		await chair
			.locator('dialog[open]')
			.getByRole('button', { name: t('meeting.adjourn.button'), exact: true })
			.click();
		for (const page of [member, chair]) {
			await page.getByTestId('sitting-ended').waitFor();
			expect(await page.locator('#chat-text').isDisabled()).toBe(true);
			// Said in those words, and no live quorum figure is left standing.
			expect(await page.getByTestId('hands-closed').textContent()).toBe(
				t('meeting.adjourn.endedShort')
			);
			expect(await page.locator('.badge.quorum').count()).toBe(0);
			expect(await page.getByText(t('meeting.video.open'), { exact: true }).count()).toBe(0);
			expect(await page.getByRole('link', { name: t('links.minutes'), exact: true }).count()).toBe(
				1
			);
		}
		await member.locator(`[data-item="${w.otherItemId}"][data-state="deferred"]`).waitFor();
		// The producer is told the sitting ended, not that minutes exist that they cannot open.
		const ended = producer.getByTestId('sitting-ended');
		await ended.waitFor();
		expect(await ended.textContent()).not.toContain('Biên bản');
		expect(await producer.getByRole('link', { name: t('links.minutes') }).count()).toBe(0);
		expect(await chair.getByTestId('adjourn').count()).toBe(0);
	});

	it('the minutes open for the member', async () => {
		const href = await member
			.getByRole('link', { name: t('links.minutes'), exact: true })
			.getAttribute('href');
		const res = await fetch(`${app.url}${href}`, { headers: { cookie: w.cookies.m1 } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
	});
});
