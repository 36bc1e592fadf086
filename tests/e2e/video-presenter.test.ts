// The presenter's screen share and the chair's tiles, end to end: the built app, a REAL LiveKit
// server on loopback and Chromium with fake devices, at the QA pass's 1366 px.
// - A browser without screen sharing (every phone) is not offered the button, and is told why;
//   a share the system refuses says so; a share the person cancels in the picker stays quiet.
// - The chair's "Ghim cho mọi người" on the small tiles of the strip stays on one line and
//   covers neither the name nor the personal pin.
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { freePort } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { CHROMIUM, login } from '../helpers/browser';
import { liveKitInstalled, startLiveKit, type LiveKitProcess } from '../helpers/livekit';

const KEY = 'e2e-key';
const SECRET = 'e2e-secret-long-enough-for-production-0123456789';
const SITTING = 'demo-sitting-1';
const PRODUCER = 'htx.datquang@ocop.demo';
const t = translator('vi');

let livekit: LiveKitProcess;
let browser: Browser;
const ids: Record<string, string> = {};

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
	// The chair and the producer attend: the quorum is lowered so that the chair may call.
	db.prepare('update councils set quorum_num = 1, quorum_den = 9').run();
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

async function openSitting(
	email: string,
	prepare?: (context: BrowserContext) => Promise<void>
): Promise<Page> {
	const context = await browser.newContext({
		permissions: ['camera', 'microphone'],
		viewport: { width: 1366, height: 768 }
	});
	await prepare?.(context);
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`[${email}] page error`, e));
	await login(page, app.url, email);
	await page.goto(`${app.url}/sittings/${SITTING}`);
	await page.locator('[data-connected=true]').waitFor();
	return page;
}

async function joinVideo(page: Page) {
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
}

const shareButton = (page: Page) =>
	page.getByRole('button', { name: t('meeting.video.shareScreen'), exact: true });

describe('the presenter in the video room', () => {
	let chair: Page;

	it('offers no screen share where the browser has none, and says so', async () => {
		chair = await openSitting('chutich@ocop.demo');
		await joinVideo(chair);
		await chair
			.locator('[data-item="demo-item-1"]')
			.getByRole('button', { name: 'Mời trình bày' })
			.click();
		// A phone's browser: no getDisplayMedia at all.
		const phone = await openSitting(PRODUCER, (c) =>
			c.addInitScript(() => {
				delete (MediaDevices.prototype as { getDisplayMedia?: unknown }).getDisplayMedia;
			})
		);
		await phone.getByRole('heading', { name: 'Video' }).waitFor();
		await joinVideo(phone);
		await phone.getByRole('button', { name: t('meeting.video.cameraOff') }).waitFor();
		expect(await shareButton(phone).count()).toBe(0);
		expect((await phone.getByTestId('share-unsupported').textContent())?.trim()).toBe(
			t('meeting.video.shareUnsupported')
		);
		await phone.context().close();
	}, 300_000);

	it('says why a refused share did not start, and stays quiet on a cancel', async () => {
		// The picker closed by the person (Chromium: "Permission denied"), then the system refusing
		// screen recording ("Permission denied by system").
		const producer = await openSitting(PRODUCER, (c) =>
			c.addInitScript(() => {
				let calls = 0;
				MediaDevices.prototype.getDisplayMedia = () =>
					Promise.reject(
						new DOMException(
							++calls === 1 ? 'Permission denied' : 'Permission denied by system',
							'NotAllowedError'
						)
					);
			})
		);
		await joinVideo(producer);
		await shareButton(producer).click();
		await producer.waitForTimeout(1_000);
		expect(await producer.getByTestId('share-error').count()).toBe(0);
		await shareButton(producer).click();
		await expect
			.poll(() => producer.getByTestId('share-error').textContent(), { timeout: 10_000 })
			.toContain(t('meeting.video.shareRefused'));
		expect(await producer.getByTestId('share-error').getAttribute('role')).toBe('alert');
	}, 300_000);

	it('keeps the chair’s pin for everyone on one line on the strip’s tiles, clear of the name and the pin', async () => {
		// The producer presents: their camera takes the stage, the chair's own tile is in the strip.
		const strip = chair.locator('.video-strip .video-tile');
		await chair.getByTestId('video-stage').waitFor({ timeout: 60_000 });
		await strip.first().waitFor();
		const boxes = await strip.evaluateAll((tiles) =>
			tiles.map((tile) => {
				const box = (sel: string | null) => {
					const r = (sel ? tile.querySelector(sel)! : tile).getBoundingClientRect();
					return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom };
				};
				return {
					tile: box(null),
					all: box('.pin-all'),
					pin: box('.pin'),
					caption: box('figcaption'),
					lineHeight: parseFloat(getComputedStyle(tile.querySelector('.pin-all')!).lineHeight)
				};
			})
		);
		expect(boxes.length).toBeGreaterThan(0);
		type Box = { x: number; y: number; right: number; bottom: number };
		const overlap = (a: Box, b: Box) =>
			a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
		for (const b of boxes) {
			expect(b.tile.w, 'a strip tile is small at 1366 px').toBeLessThan(260);
			// One line of text (or an icon), not two.
			expect(b.all.h).toBeLessThan(b.lineHeight * 1.6 + 8);
			expect(overlap(b.all, b.caption), 'covers the name').toBe(false);
			expect(overlap(b.all, b.pin), 'covers the personal pin').toBe(false);
			expect(b.all.right).toBeLessThanOrEqual(b.tile.right);
		}
		// Still named for what it does, for a screen reader and a tooltip.
		await strip
			.first()
			.getByRole('button', { name: /^Ghim cho mọi người/ })
			.waitFor();
	}, 300_000);
});
