import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../bench/chromium.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with fake camera and microphone for the video tests. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			...CHROMIUM_FLAGS,
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream'
		]
	});
}

export const DEMO_PASSWORD = 'ocop-demo-2026';

export async function login(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
	await page.goto(`${baseUrl}/login`);
	await page.locator('input[name=email]').fill(email);
	await page.locator('input[name=password]').fill(password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click()
	]);
}
