import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';

const app = useBuiltApp({ seed: (db) => seedDemo(db, Date.now()) });
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const ROLES = [
	{
		email: 'admin@ocop.demo',
		path: '/admin',
		vi: 'Quản trị hệ thống',
		en: 'System administration'
	},
	{
		email: 'vanphong@ocop.demo',
		path: '/office',
		vi: 'Văn phòng Điều phối OCOP',
		en: 'OCOP coordination office'
	},
	{ email: 'chutich@ocop.demo', path: '/member', vi: 'Thành viên Hội đồng', en: 'Council member' },
	{ email: 'htx.datquang@ocop.demo', path: '/producer', vi: 'Chủ thể OCOP', en: 'OCOP producer' },
	{
		email: 'xa.queson@ocop.demo',
		path: '/commune',
		vi: 'UBND xã',
		en: "Commune People's Committee"
	}
];

describe('each demo role in Chromium', () => {
	for (const role of ROLES) {
		it(`${role.email}: home in Vietnamese, switch to English, log out`, async () => {
			const context = await browser.newContext();
			const page = await context.newPage();
			await login(page, app.url, role.email);
			expect(new URL(page.url()).pathname).toBe(role.path);
			await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
			expect(await page.getByTestId('home-title').textContent()).toBe(role.vi);

			await page.getByTestId('switch-language').click();
			// Polled through the locator: the switch reloads the page, and a predicate run while the
			// document is replaced found no documentElement (seen once in CI).
			await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
			expect(new URL(page.url()).pathname).toBe(role.path);
			expect(await page.getByTestId('home-title').textContent()).toBe(role.en);

			await page.getByTestId('logout').click();
			await page.waitForURL(`${app.url}/`);
			expect(await page.getByTestId('current-user').count()).toBe(0);
			const res = await page.goto(`${app.url}${role.path}`);
			expect(new URL(page.url()).pathname).toBe('/login');
			expect(res?.status()).toBe(200);
			await context.close();
		});
	}

	it('a producer opening an administrator page gets 403 in Vietnamese, with no data', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await login(page, app.url, 'htx.datquang@ocop.demo');
		const res = await page.goto(`${app.url}/admin/users`);
		expect(res?.status()).toBe(403);
		expect(await page.locator('h1').textContent()).toBe('Không có quyền truy cập');
		expect(await page.getByTestId('error-message').textContent()).toBe(
			'Tài khoản của bạn không có quyền xem trang này.'
		);
		const html = await page.content();
		expect(html).not.toContain('admin@ocop.demo');
		await context.close();
	});

	it('a wrong password gets one clear message that does not reveal the account', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(`${app.url}/login`);
		for (const email of ['admin@ocop.demo', 'khong-ton-tai@ocop.demo']) {
			await page.getByLabel('Thư điện tử').fill(email);
			await page.getByLabel('Mật khẩu').fill('sai-mat-khau-123');
			await page.getByRole('button', { name: 'Đăng nhập' }).click();
			await expect
				.poll(() => page.getByTestId('form-error').textContent())
				.toBe('Thư điện tử hoặc mật khẩu không đúng.');
		}
		await context.close();
	});

	// A phone on a slow link shows the login form a few seconds before its script runs, and people
	// type meanwhile. The script taking over the page must not wipe what they typed (it did: the
	// email came back empty, and the browser's "required" check then stopped the submission).
	it('keeps what was typed before the page script ran, and signs in with it', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${app.url}/login`, { waitUntil: 'commit' });
		await page.locator('input[name=email]').fill('chutich@ocop.demo');
		await page.locator('input[name=password]').fill(DEMO_PASSWORD);
		expect(await page.locator('.site-header.enhanced').count()).toBe(0);
		release();
		await page.locator('.site-header.enhanced').waitFor();
		expect(await page.locator('input[name=email]').inputValue()).toBe('chutich@ocop.demo');
		expect(await page.locator('input[name=password]').inputValue()).toBe(DEMO_PASSWORD);
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/member'),
			page.getByRole('button', { name: 'Đăng nhập' }).click()
		]);
		await context.close();
	});

	it('answers a post to the reserved action name with 400, not a server error', async () => {
		const res = await fetch(`${app.url}/login?/default`, {
			method: 'POST',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=a&password=b'
		});
		expect(res.status).toBe(400);
		// In the reader's language, as every refusal is (it was a bare English "Bad request").
		expect(await res.text()).toContain('Yêu cầu gửi lên không đọc được');
		const en = await fetch(`${app.url}/login?/default`, {
			method: 'POST',
			headers: {
				origin: app.url,
				cookie: 'ocop_lang=en',
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'email=a&password=b'
		});
		expect(en.status).toBe(400);
		expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(
			/^The request could not be read/
		);
	});
});
