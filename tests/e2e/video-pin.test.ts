// The chair's pin for everyone, end to end: the built app, a REAL LiveKit server on loopback and
// Chromium with fake devices. The chair pins a member's camera; another browser shows it on its
// stage, so does a reloaded page joining late; the chair takes it off again.
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/app-process';
import { CHROMIUM, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { liveKitInstalled, startLiveKit, type LiveKitProcess } from '../helpers/livekit';

const KEY = 'e2e-key';
const SECRET = 'e2e-secret-long-enough-for-production-0123456789';
const SITTING = 'demo-sitting-1';

let livekit: LiveKitProcess;
let browser: Browser;
const ids: Record<string, string> = {};

async function openSitting(email: string): Promise<Page> {
	const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`[${email}] page error`, e));
	await login(page, app.url, email);
	await page.goto(`${app.url}/sittings/${SITTING}`);
	await page.locator('[data-connected=true]').waitFor();
	return page;
}

/** Joins; `camera: false` turns the camera off again, so that only one browser encodes video. */
async function joinVideo(page: Page, camera = false) {
	await page.getByRole('button', { name: 'Vào phòng họp video' }).click();
	await page.getByRole('button', { name: 'Vào phòng', exact: true }).click();
	// A loaded machine (two cores, several browsers) may take a while to connect.
	const status = await page.waitForFunction(
		() => {
			const v = (window as never as { __ocopVideo?: { status: string } }).__ocopVideo;
			return v && v.status !== 'idle' && v.status !== 'connecting' ? v.status : false;
		},
		undefined,
		{ timeout: 90_000 }
	);
	expect(await status.jsonValue()).toBe('connected');
	if (!camera) await page.getByRole('button', { name: 'Tắt camera' }).click();
}

/** The stage shows this person's camera, marked as the chair's pin, and its video plays. */
async function pinnedOnStage(page: Page, identity: string) {
	const tile = page
		.getByTestId('video-stage')
		.locator(`.video-tile[data-identity="${identity}"][data-kind=camera]`);
	await tile.and(page.locator('[data-pinned-for-all=true]')).waitFor({ timeout: 30_000 });
	await tile.getByText('Chủ tịch đã ghim').waitFor();
	await videoPlays(
		page,
		`[data-testid=video-stage] .video-tile[data-identity="${identity}"] video`,
		30_000
	);
}

/** The video under `selector` has frames to show. */
async function videoPlays(page: Page, selector: string, timeout: number) {
	await page.waitForFunction(
		(sel) => {
			const v = document.querySelector<HTMLVideoElement>(sel);
			return !!v && v.readyState >= 2 && v.videoWidth > 0;
		},
		selector,
		{ timeout, polling: 300 }
	);
}

/**
 * The chair presses the pin for everyone on this person's tile, once the tile shows their video
 * (the strip is settled), and the button then says the pin holds. Should it not, the failure
 * names what the page said (a refusal, a command that timed out) instead of a bare timeout.
 */
async function chairPins(chair: Page, identity: string) {
	const tile = chair.locator(`.video-tile[data-identity="${identity}"][data-kind=camera]`);
	await videoPlays(
		chair,
		`.video-tile[data-identity="${identity}"][data-kind=camera] video`,
		60_000
	);
	await tile.getByRole('button', { name: /^Ghim cho mọi người/ }).click({ noWaitAfter: true });
	try {
		await chair
			.getByRole('button', { name: /^Bỏ ghim chung/ })
			.first()
			.waitFor({ timeout: 30_000 });
	} catch (e) {
		const said = await chair.locator('[role=alert], [role=status], .alert').allTextContents();
		throw new Error(`the chair's pin did not hold; the page said: ${said.join(' | ')}`, {
			cause: e
		});
	}
}

let lkPort = 0;
// Registered before the app's hooks so that LiveKit stops after the app has.
afterAll(() => livekit?.stop());
const app = useBuiltApp({
	seed: (db) => seedDemo(db, Date.now()),
	env: async () => {
		if (!liveKitInstalled())
			throw new Error('livekit-server is not installed: run npm run test:setup');
		lkPort = await freePort();
		return {
			LIVEKIT_URL: `ws://127.0.0.1:${lkPort}`,
			LIVEKIT_API_KEY: KEY,
			LIVEKIT_API_SECRET: SECRET
		};
	}
});

beforeAll(async () => {
	livekit = await startLiveKit({
		port: lkPort,
		key: KEY,
		secret: SECRET,
		webhookUrl: `${app.url}/livekit/webhook`
	});
	const db = new Database(app.dbFile);
	for (const row of db.prepare('select id, email from users').all() as {
		id: string;
		email: string;
	}[])
		ids[row.email] = row.id;
	db.close();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			'--autoplay-policy=no-user-gesture-required'
		]
	});
});

afterAll(async () => {
	await browser?.close();
});

describe('the chair’s pin for everyone', () => {
	it('puts the pinned camera on another browser’s stage, for late joiners and reloads, until unpinned', async () => {
		const member2Id = ids['thanhvien2@ocop.demo'];
		const chair = await openSitting('chutich@ocop.demo');
		const member1 = await openSitting('thanhvien1@ocop.demo');
		const member2 = await openSitting('thanhvien2@ocop.demo');
		await joinVideo(member2, true);
		await joinVideo(chair);

		// Only the chair is offered the pin for everyone.
		await member2.locator('.video-tile .pin').first().waitFor();
		expect(await member2.getByRole('button', { name: /^Ghim cho mọi người/ }).count()).toBe(0);
		await chairPins(chair, member2Id);
		await pinnedOnStage(chair, member2Id);

		// Member 1 was not in the video room when the chair pinned: the page is loaded again (a
		// reconnection) and joins late; the pin comes from the sitting's stored state.
		await member1.reload();
		await member1.locator('[data-connected=true]').waitFor();
		await joinVideo(member1);
		await pinnedOnStage(member1, member2Id);
		// The tile's quality comes from LiveKit's own reports. A loaded machine can make them poor
		// for a while (the tile then turns sound only); on loopback they settle to good, in words
		// too, and the tile is back to video.
		const onStage = member1.getByTestId('video-stage').locator('.video-tile');
		await expect
			.poll(
				async () =>
					`${await onStage.getAttribute('data-quality')}/${await onStage.getAttribute('data-weak')}`,
				{ timeout: 90_000, interval: 1000 }
			)
			.toMatch(/^(excellent|good)\/false$/);
		expect(await onStage.locator('.quality .visually-hidden').textContent()).toMatch(
			/^Kết nối: (rất tốt|tốt)$/
		);

		// The chair takes it off: the mark leaves every stage.
		await chair
			.getByTestId('video-stage')
			.getByRole('button', { name: /^Bỏ ghim chung/ })
			.click({ noWaitAfter: true });
		for (const page of [member1, chair])
			await page.locator('[data-pinned-for-all=true]').waitFor({ state: 'detached' });
	}, 500_000);
});
