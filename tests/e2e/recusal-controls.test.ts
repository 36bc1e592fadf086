// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// The sitting page of a recused member in Chromium: while the item they are recused from is live,
// chat and the raise-hand button are disabled with the reason shown; when the next item opens they
// work again; declaring a conflict on the live item from the page closes them at once. Video is
// configured (no LiveKit server needs to answer: the recused member is never let near it): while
// recused the page says why video is closed and until when, and offers no join to be refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/lib/domain/meeting';
import { translator } from '../../src/lib/i18n';
import { freePort } from '../helpers/app-process';
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
	seed: (db) => seedRecusalWorld(db, Date.now()),
	env: async () => ({
		LIVEKIT_URL: `ws://127.0.0.1:${await freePort()}`,
		LIVEKIT_API_KEY: 'e2e-key',
		LIVEKIT_API_SECRET: 'e2e-secret-long-enough-for-production-0123456789'
	})
});
let browser: Browser;
let chair: Client;
/** Two members present besides: enough for the quorum that scoring needs. */
let others: Client[] = [];
let page: Page;
let w: RecusalWorld;

beforeAll(async () => {
	w = app.seeded;
	browser = await launchBrowser();
	chair = await connectAs(app.url, w.cookies.chair);
	await command(chair, 'sitting:join', { sittingId: w.sittingId });
	others = await Promise.all([w.cookies.m1, w.cookies.m2].map((c) => connectAs(app.url, c)));
	for (const o of others) await command(o, 'sitting:join', { sittingId: w.sittingId });
	const context = await browser.newContext();
	const [name, value] = w.cookies.recused.split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	page = await context.newPage();
	page.on('pageerror', (e) => console.error('page error', e));
	await page.goto(`${app.url}/sittings/${w.sittingId}`);
	await page.locator('[data-connected=true]').waitFor();
});
afterAll(async () => {
	chair?.close();
	for (const o of others) o.close();
	await browser?.close();
});

const chatInput = () => page.locator('#chat-text');
const chatSend = () => page.getByRole('button', { name: t('meeting.chat.send'), exact: true });
const raise = () => page.getByRole('button', { name: `✋ ${t('meeting.hands.raise')}` });
const joinVideo = () => page.getByRole('button', { name: t('meeting.video.open'), exact: true });

async function move(itemId: string, to: ItemState) {
	expect(await command(chair, 'item:move', { itemId, to })).toMatchObject({ ok: true });
}

async function expectOpen() {
	await page.getByTestId('stepped-out').waitFor({ state: 'detached' });
	expect(await chatInput().isEnabled()).toBe(true);
	expect(await raise().isEnabled()).toBe(true);
	expect(await page.getByTestId('chat-closed').count()).toBe(0);
	expect(await page.getByTestId('hands-closed').count()).toBe(0);
	await joinVideo().waitFor();
	expect(await page.getByTestId('video-recused').count()).toBe(0);
}

async function expectClosed() {
	await page.getByTestId('stepped-out').waitFor();
	expect((await page.getByTestId('stepped-out').textContent())?.trim()).toBe(
		t('meeting.conflict.steppedOut')
	);
	expect(await chatInput().isDisabled()).toBe(true);
	expect(await chatSend().isDisabled()).toBe(true);
	expect(await raise().isDisabled()).toBe(true);
	expect(await page.getByTestId('chat-closed').textContent()).toBe(
		t('meeting.conflict.closedHere')
	);
	expect(await page.getByTestId('hands-closed').textContent()).toBe(
		t('meeting.conflict.closedHere')
	);
	// No way into a video room that would refuse them, nor a retry: why, and until when.
	expect((await page.getByTestId('video-recused').textContent())?.trim()).toBe(
		t('meeting.video.recused')
	);
	expect(await joinVideo().count()).toBe(0);
	expect(await page.getByRole('button', { name: t('meeting.video.retry') }).count()).toBe(0);
}

describe('the recused member’s sitting page', () => {
	it('keeps chat and the floor open before the sitting', async () => {
		await expectOpen();
	});

	it('closes them, saying why, while their item is live', async () => {
		await move(w.itemId, 'presenting');
		await expectClosed();
		await move(w.itemId, 'questions');
		await expectClosed();
	});

	it('offers no scorecard while their item is scored (the server refuses it to them)', async () => {
		await move(w.itemId, 'scoring');
		await expectClosed();
		await page.locator('[data-state=scoring]').first().waitFor();
		expect(await page.getByText(t('meeting.scoring.open'), { exact: true }).count()).toBe(0);
	});

	it('opens them again with the next item, and they work', async () => {
		await move(w.itemId, 'deferred');
		await move(w.otherItemId, 'presenting');
		await expectOpen();
		await chatInput().fill('Ý kiến về sản phẩm thứ hai');
		await chatSend().click();
		await page.locator('.chat-list', { hasText: 'Ý kiến về sản phẩm thứ hai' }).waitFor();
	});

	it('closes them at once when the member declares a conflict on the live item', async () => {
		await page.getByText(t('meeting.conflict.declare'), { exact: true }).first().click();
		await page.locator('#conflict-reason').fill('Người thân làm ở cơ sở');
		await page.getByRole('button', { name: t('meeting.conflict.declare'), exact: true }).click();
		await expectClosed();
	});
});
