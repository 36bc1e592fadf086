// Weak networks end to end: the built app, a REAL LiveKit server and Chromium with fake devices.
// One member's media goes through a relay that drops RTP packets on demand (see lossy-relay.ts);
// LiveKit itself measures that member's connection as poor, and the app has to switch them to
// sound only, say so on both screens, and bring the video back once the link has recovered.
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/app-process';
import { CHROMIUM, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { liveKitInstalled, startLiveKit, type LiveKitProcess } from '../helpers/livekit';
import { routeThroughRelay, startLossyRelay, type LossyRelay } from '../helpers/lossy-relay';

const KEY = 'e2e-key';
const SECRET = 'e2e-secret-long-enough-for-production-0123456789';
const SITTING = 'demo-sitting-1';

let livekit: LiveKitProcess;
let relay: LossyRelay;
let browser: Browser;
const ids: Record<string, string> = {};

async function openSitting(email: string, throughRelay = false): Promise<Page> {
	const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
	if (throughRelay) await routeThroughRelay(context, livekit.udpPort, relay);
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`[${email}] page error`, e));
	await login(page, app.url, email);
	await page.goto(`${app.url}/sittings/${SITTING}`);
	await page.locator('[data-connected=true]').waitFor();
	return page;
}

async function joinVideo(page: Page, camera: boolean) {
	await page.getByRole('button', { name: 'Vào phòng họp video' }).click();
	await page.getByRole('button', { name: 'Vào phòng', exact: true }).click();
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

/** This person's camera tile plays video (frames arrive and time advances). */
async function videoPlays(page: Page, identity: string) {
	await page.waitForFunction(
		async (sel) => {
			const v = document.querySelector<HTMLVideoElement>(sel);
			if (!v || v.readyState < 2 || v.videoWidth === 0) return false;
			const t = v.currentTime;
			await new Promise((resolve) => setTimeout(resolve, 400));
			return v.currentTime > t;
		},
		`.video-tile[data-identity="${identity}"][data-kind=camera] video`,
		{ timeout: 60_000, polling: 500 }
	);
}

function ownState(page: Page) {
	return page.evaluate(() => {
		const v = (window as never as { __ocopVideo: { autoAudioOnly: boolean; cameraOn: boolean } })
			.__ocopVideo;
		return { autoAudioOnly: v.autoAudioOnly, cameraOn: v.cameraOn };
	});
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

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
	livekit = await startLiveKit({ port: lkPort, key: KEY, secret: SECRET });
	relay = await startLossyRelay(livekit.udpPort);
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
	relay?.close();
});

describe('a participant on a weak network', () => {
	it('is switched to sound only while LiveKit reports their link poor, with the mark on both screens, and back after it recovers', async () => {
		const weakId = ids['thanhvien2@ocop.demo'];
		const watcher = await openSitting('thanhvien1@ocop.demo');
		const weak = await openSitting('thanhvien2@ocop.demo', true);
		await joinVideo(watcher, false);
		await joinVideo(weak, true);
		const tile = watcher
			.locator(`.video-tile[data-identity="${weakId}"][data-kind=camera]`)
			.first();
		const weakSelf = weak.getByTestId('weak-self');

		// A clean relay first: the link settles to good, the video plays, nobody is marked.
		await videoPlays(watcher, weakId);
		await expect
			.poll(
				async () =>
					`${await tile.getAttribute('data-quality')}/${await tile.getAttribute('data-weak')}`,
				{
					timeout: 90_000,
					interval: 1000
				}
			)
			.toMatch(/^(excellent|good)\/false$/);
		expect(await weakSelf.isHidden()).toBe(true);
		const carried = relay.counts.passed;
		expect(carried, 'the media really goes through the relay').toBeGreaterThan(500);

		// 30 % of the RTP packets lost both ways: LiveKit scores the link poor, the app waits
		// 5 s of it, then stops this member's video on both sides.
		relay.loss = 0.3;
		const lossOn = Date.now();
		await tile.and(watcher.locator('[data-weak=true]')).waitFor({ timeout: 90_000 });
		console.info(`weak mark on the watcher's screen ${seconds(lossOn)} s after the loss began`);
		expect(await tile.getAttribute('data-quality')).toMatch(/^(poor|lost)$/);
		await tile.getByText('Chỉ âm thanh (mạng yếu)').waitFor();
		// The watcher no longer receives that camera: the tile shows the initial instead.
		await tile.locator('video').waitFor({ state: 'detached', timeout: 15_000 });
		await tile.locator('.video-placeholder').waitFor();
		await weakSelf.waitFor({ state: 'visible', timeout: 60_000 });
		console.info(
			`own notice on the weak member's screen ${seconds(lossOn)} s after the loss began`
		);
		expect(await weakSelf.textContent()).toContain('Mạng của bạn đang yếu');
		expect(await ownState(weak)).toEqual({ autoAudioOnly: true, cameraOn: false });
		expect(relay.counts.dropped).toBeGreaterThan(0);

		// The link recovers: after 10 s of good reports the camera comes back by itself.
		relay.loss = 0;
		const lossOff = Date.now();
		await tile.and(watcher.locator('[data-weak=false]')).waitFor({ timeout: 120_000 });
		console.info(`weak mark gone ${seconds(lossOff)} s after the loss stopped`);
		await weakSelf.waitFor({ state: 'hidden', timeout: 60_000 });
		await expect
			.poll(() => ownState(weak), { timeout: 30_000 })
			.toEqual({
				autoAudioOnly: false,
				cameraOn: true
			});
		await videoPlays(watcher, weakId);
		expect(await tile.getByText('Chỉ âm thanh (mạng yếu)').count()).toBe(0);
	}, 600_000);
});
