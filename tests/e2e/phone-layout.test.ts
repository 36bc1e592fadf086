// A member follows a sitting on a phone: at 360×740 every page they open during it fits without
// sideways scrolling, the site header is one compact row, the scorecard's first criterion is on
// the first screen above the sticky total, and the collapsed menu works from the keyboard alone.
// Needs the build (BUILD_DIR=build-… as the other e2e tests). SCREENSHOT_DIR=… keeps screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DIMENSIONS } from '../../src/lib/server/results/statistics';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';
import { PHONE, inView, measureLayout } from '../helpers/phone-layout';
import { attachEvidencePdf, numberedPdf } from '../helpers/sample-pdf';

type Locale = 'vi' | 'en';
const LOCALES: Locale[] = ['vi', 'en'];
const MEMBER = 'thanhvien1@ocop.demo';
const CHAIR = 'chutich@ocop.demo';
const ROOM = '/sittings/demo-sitting-1';
const ITEM = `${ROOM}/items/demo-item-1`;
/** One row of the header: the brand, or the menu button, plus its padding. */
const HEADER_MAX = 64;
const SHOTS = process.env.SCREENSHOT_DIR;

const PAGES = [
	{ name: 'member-home', who: MEMBER, path: '/member', ready: '[data-testid=home-title]' },
	{ name: 'room', who: MEMBER, path: ROOM, ready: '.pdf-page canvas[data-status=ready]' },
	{ name: 'room-chair', who: CHAIR, path: ROOM, ready: '.pdf-page canvas[data-status=ready]' },
	{
		name: 'score',
		who: MEMBER,
		path: `${ITEM}/score`,
		ready: 'main:has(form.scorecard[aria-busy=false]) [data-status=saved]'
	},
	{ name: 'board', who: CHAIR, path: `${ITEM}/board`, ready: '[data-testid=board-submitted]' },
	{
		name: 'dossier',
		who: MEMBER,
		path: '/dossiers/demo-product-snack-chuoi-v1',
		ready: '[data-testid=dossier-title]'
	},
	{ name: 'results', who: MEMBER, path: '/results', ready: '[data-testid=results-table]' },
	{ name: 'notifications', who: MEMBER, path: '/notifications', ready: '#notifications-title' },
	{ name: 'result', who: MEMBER, path: '/results/1', ready: 'main h1' }
];

const app = useBuiltApp({
	seed: async (db, dir) => {
		await seedDemo(db, Date.now());
		// The first product is being scored, with a PDF in its dossier: the room shows the viewer
		// (the widest thing on the page) and the scorecard is open for ticking.
		attachEvidencePdf(db.$client, dir, {
			id: 'phone-pdf',
			dossierId: 'demo-product-snack-chuoi-v1',
			leafCode: '1.1',
			name: 'Giấy chứng nhận an toàn thực phẩm của cơ sở sản xuất.pdf',
			pdf: await numberedPdf(2)
		});
		db.$client.prepare("update sittings set state = 'open' where id = 'demo-sitting-1'").run();
		db.$client.prepare("update agenda_items set state = 'scoring' where id = 'demo-item-1'").run();
		// A long, already read notification: the list must wrap it (read, so the menu's links and
		// their names below stay as they are).
		db.$client
			.prepare(
				`insert into notifications (user_id, kind, params, link, created_at, read_at)
				 select id, 'sitting-scheduled', ?, '/sittings/demo-sitting-1', ?, ? from users where email = ?`
			)
			.run(
				JSON.stringify({
					sittingId: 'demo-sitting-1',
					title: 'Phiên họp đánh giá, phân hạng sản phẩm OCOP đợt 2 năm 2026 của thành phố Đà Nẵng',
					startsAt: Date.now(),
					minutes: 60
				}),
				Date.now(),
				Date.now(),
				MEMBER
			);
	}
});
let browser: Browser;
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
	browser = await launchBrowser();
	if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

/** A signed-in phone-sized tab, one browser context per person and language. */
/** A fresh, signed-in page on Lighthouse's phone (412 × 823), with or without its scripts. */
async function lighthousePhone(who: string, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 412, height: 823 },
		javaScriptEnabled
	});
	const page = await context.newPage();
	await login(page, app.url, who);
	return page;
}

/** Where the first element matching `selector` is, to the pixel. */
async function placeOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
	const box = await page.locator(selector).first().boundingBox();
	return { x: Math.round(box!.x), y: Math.round(box!.y) };
}

async function phone(who: string, locale: Locale, path: string): Promise<Page> {
	const key = `${who}/${locale}`;
	let context = contexts.get(key);
	if (!context) {
		context = await browser.newContext({ viewport: PHONE });
		await login(await context.newPage(), app.url, who);
		contexts.set(key, context);
	}
	// Again each time: the language switch under test changes the cookie.
	await context.addCookies([{ name: 'ocop_lang', value: locale, url: app.url }]);
	const page = context.pages()[0];
	await page.goto(`${app.url}${path}`);
	return page;
}

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('member pages on a 360×740 phone', () => {
	for (const p of PAGES) {
		it(`${p.name}: no sideways scrolling, a one-row header`, async () => {
			for (const locale of LOCALES) {
				const page = await phone(p.who, locale, p.path);
				await page.locator(p.ready).first().waitFor();
				await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(locale);
				const figures = await measureLayout(page);
				await shot(page, `${p.name}-${locale}`);
				const where = `${p.path} (${locale}): ${JSON.stringify(figures)}`;
				expect(figures.clientWidth, where).toBe(PHONE.width);
				expect(figures.scrollWidth, where).toBeLessThanOrEqual(figures.clientWidth);
				expect(figures.headerHeight, where).toBeLessThanOrEqual(HEADER_MAX);
			}
		});
	}

	it('keeps the live sitting still while it connects and fills in (no layout shift)', async () => {
		// A short title leaves room beside it, where the status used to move to and from as its
		// words changed length (Lighthouse counted the shifts).
		const title = app.db.$client
			.prepare("select title from sittings where id = 'demo-sitting-1'")
			.pluck()
			.get() as string;
		app.db.$client
			.prepare("update sittings set title = 'Phiên 1' where id = 'demo-sitting-1'")
			.run();
		onTestFinished(() => {
			app.db.$client
				.prepare("update sittings set title = ? where id = 'demo-sitting-1'")
				.run(title);
		});
		const where = async (stage: 'painted' | 'connected' | 'live') => {
			// A little wider than the others here: room for the status beside the title.
			const page = await lighthousePhone(MEMBER, stage !== 'painted');
			if (stage === 'connected')
				// Connected, but the sitting's state held back: the server's answers (socket.io
				// acks, "43…") do not reach the page.
				await page.routeWebSocket(/\/socket\.io\//, (ws) => {
					const server = ws.connectToServer();
					ws.onMessage((m) => server.send(m));
					server.onMessage((m) => {
						if (typeof m === 'string' && m.startsWith('43')) return;
						ws.send(m);
					});
				});
			await page.goto(`${app.url}/sittings/demo-sitting-1`);
			if (stage === 'connected') await page.locator('[data-connected=true]').waitFor();
			if (stage === 'live') await page.locator('.sitting-status .quorum').waitFor();
			const at = await placeOf(page, '.sitting-status');
			await page.context().close();
			return at;
		};
		// As first painted (before any script), once connected, and once live: the same place.
		const painted = await where('painted');
		expect(await where('connected')).toEqual(painted);
		expect(await where('live')).toEqual(painted);
	});

	it('keeps the scorecard still while it connects and saves, and does not call connecting "offline"', async () => {
		const where = async (stage: 'painted' | 'connecting' | 'saved') => {
			const page = await lighthousePhone(MEMBER, stage !== 'painted');
			// The commands' socket held at its first connection: open, but no handshake ever comes.
			if (stage === 'connecting') await page.routeWebSocket(/\/socket\.io\//, () => {});
			await page.goto(`${app.url}${ITEM}/score`);
			if (stage === 'connecting') await page.locator('.scorecard[aria-busy=false]').waitFor();
			if (stage === 'saved') await page.locator('[data-status=saved]').waitFor();
			const seen = {
				submit: await placeOf(page, '.bar .actions button'),
				sum: await placeOf(page, '.bar .sum'),
				reason: await page.getByTestId('bar-reason').count()
			};
			await page.context().close();
			return seen;
		};
		const painted = await where('painted');
		expect(painted.reason).toBe(0);
		// Before, the bar said "Mất kết nối" until the socket answered, then grew shorter: the
		// total and the submit button jumped (Lighthouse counted it).
		expect(await where('connecting')).toEqual(painted);
		expect(await where('saved')).toEqual(painted);
	});

	it('draws the sitting from its page, before any script or socket, and sends what is typed then after joining', async () => {
		const name = (email: string) =>
			app.db.$client.prepare('select name from users where email = ?').pluck().get(email) as string;
		// Without JavaScript: the floor, the agenda and the people come with the page itself.
		const plain = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
		const still = await plain.newPage();
		await login(still, app.url, MEMBER);
		await still.goto(`${app.url}${ROOM}`);
		expect(await still.locator('.sitting-status [role=status]').first().textContent()).toContain(
			'Đang kết nối…'
		);
		expect(await still.locator('.live-item').textContent()).toContain('Snack chuối Bana');
		expect(await still.locator('[data-item="demo-item-1"]').count()).toBe(1);
		expect(await still.locator('.meeting-panel').allTextContents()).toEqual(
			expect.arrayContaining([expect.stringContaining(name(CHAIR))])
		);
		const figures = await measureLayout(still);
		expect(figures.scrollWidth, JSON.stringify(figures)).toBeLessThanOrEqual(figures.clientWidth);
		await plain.close();

		// With the script, but the socket held back: the page is drawn and the chat takes a message,
		// which goes once the socket has joined the sitting.
		const context = await browser.newContext({ viewport: PHONE });
		const page = await context.newPage();
		await login(page, app.url, MEMBER);
		let release = () => {};
		const released = new Promise<void>((resolve) => (release = resolve));
		await page.routeWebSocket(/\/socket\.io\//, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((m) => server.send(m));
			server.onMessage((m) => void released.then(() => ws.send(m)));
		});
		await page.goto(`${app.url}${ROOM}`);
		await page.locator('button[data-testid=menu-toggle]').waitFor();
		expect(await page.locator('[data-connected=false]').count()).toBe(1);
		const text = `Trước khi nối ${Date.now()}`;
		await page.getByLabel('Tin nhắn').fill(text);
		await page.getByLabel('Tin nhắn').press('Enter');
		release();
		await page.locator('[data-connected=true]').waitFor();
		await page.locator('.meeting-panel', { hasText: text }).waitFor();
		const stored = app.db.$client
			.prepare('select count(*) from meeting_chat where text = ?')
			.pluck()
			.get(text);
		expect(stored).toBe(1);
		await context.close();
	});

	it('shows the first criterion on the first screen, above the sticky total', async () => {
		for (const locale of LOCALES) {
			const page = await phone(MEMBER, locale, `${ITEM}/score`);
			await page.locator('[data-status=saved]').waitFor();
			const legend = await inView(page, 'fieldset[data-code] legend', '.bar');
			const option = await inView(page, 'fieldset[data-code] .option', '.bar');
			expect({ legend, option }, locale).toMatchObject({
				legend: { inside: true },
				option: { inside: true }
			});
		}
	});

	it('folds the score details behind a button, open and shut from the keyboard', async () => {
		const page = await phone(MEMBER, 'vi', `${ITEM}/score`);
		await page.locator('[data-status=saved]').waitFor();
		const more = page.getByRole('button', { name: 'Chi tiết điểm' });
		const details = page.locator('#score-details');
		const partA = page.locator('.summary dt', { hasText: 'Phần A' });
		expect(await more.getAttribute('aria-controls')).toBe('score-details');
		expect(await more.getAttribute('aria-expanded')).toBe('false');
		expect([await details.isVisible(), await partA.isVisible()]).toEqual([false, false]);
		// The one line keeps the total and the stars in sight.
		expect(await page.getByTestId('card-total').isVisible()).toBe(true);
		expect(await page.getByTestId('card-stars').isVisible()).toBe(true);
		const bar = await page.locator('.bar').boundingBox();
		expect(bar!.height).toBeLessThanOrEqual(80);

		await more.focus();
		await page.keyboard.press('Enter');
		expect(await more.getAttribute('aria-expanded')).toBe('true');
		expect([await details.isVisible(), await partA.isVisible()]).toEqual([true, true]);
		expect(await page.getByTestId('submitted-count').isVisible()).toBe(true);
		await shot(page, 'score-details-vi');
		await page.keyboard.press('Space');
		expect(await more.getAttribute('aria-expanded')).toBe('false');
		expect(await details.isVisible()).toBe(false);
	});
});

/** What has focus now: whether it is in the menu, its text, and whether its ring shows. */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement;
		const box = el.getBoundingClientRect();
		return {
			inMenu: !!el.closest('#site-menu'),
			text: el.textContent?.trim() ?? '',
			shown: box.width > 0 && box.height > 0,
			ring: getComputedStyle(el).outlineStyle !== 'none'
		};
	});
}

describe('result lists and form ticks on a phone', () => {
	it('keeps every column of a result row on the screen (stars, the publish button)', async () => {
		for (const [who, path, table] of [
			[MEMBER, '/results', 'results-table'],
			['vanphong@ocop.demo', '/office/results', 'office-results']
		]) {
			const page = await phone(who, 'vi', path);
			await page.getByTestId(table).waitFor();
			const cells = await page
				.getByTestId(table)
				.locator('tbody tr')
				.first()
				.locator('td')
				.evaluateAll((tds) =>
					tds.map((td) => {
						const b = td.getBoundingClientRect();
						return { label: td.getAttribute('data-label'), left: b.left, right: b.right };
					})
				);
			expect(cells.length, path).toBeGreaterThan(5);
			for (const c of cells) {
				expect(c.left, `${path} ${c.label}`).toBeGreaterThanOrEqual(0);
				expect(c.right, `${path} ${c.label}`).toBeLessThanOrEqual(PHONE.width);
			}
			const figures = await measureLayout(page);
			expect(figures.scrollWidth, path).toBeLessThanOrEqual(figures.clientWidth);
		}
	});

	it('draws a checkbox as a small box beside its one-line label', async () => {
		const page = await phone('vanphong@ocop.demo', 'vi', '/office/councils/demo-council-danang');
		await page.getByText('Thiết lập của Hội đồng').click();
		const box = await page.locator('input[name=blindScoring]').boundingBox();
		expect(box!.width).toBeLessThanOrEqual(24);
		expect(box!.height).toBeLessThanOrEqual(24);
	});
});

describe('the folded site menu', () => {
	it('opens with Enter, lets Tab walk its links, closes with Escape', async () => {
		const page = await phone(MEMBER, 'vi', '/member');
		const toggle = page.locator('button[data-testid=menu-toggle]');
		await toggle.waitFor(); // the button replaces the no-script link once the page runs
		const menu = page.locator('#site-menu');
		expect(await toggle.getAttribute('aria-controls')).toBe('site-menu');
		expect(await menu.isVisible()).toBe(false);

		// From the top of the page, Tab reaches the button after the skip link and the brand.
		for (let i = 0; i < 5 && !(await toggle.evaluate((b) => b === document.activeElement)); i++)
			await page.keyboard.press('Tab');
		expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');

		await page.keyboard.press('Enter');
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		expect(await menu.isVisible()).toBe(true);
		await shot(page, 'menu-open-vi');
		const walked = [];
		for (let i = 0; i < 6; i++) {
			await page.keyboard.press('Tab');
			walked.push(await focused(page));
		}
		expect(walked.map((f) => f.text)).toEqual([
			'Kết quả công bố',
			'Trang của tôi',
			'English',
			'Thông báo',
			'Đổi mật khẩu',
			'Đăng xuất'
		]);
		expect(walked.every((f) => f.inMenu && f.shown && f.ring)).toBe(true);

		await page.keyboard.press('Escape');
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await menu.isVisible()).toBe(false);
		expect(await toggle.evaluate((b) => b === document.activeElement)).toBe(true);

		// The language switch stays one Enter away from the keyboard.
		await page.keyboard.press('Enter');
		for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		// Polled through the locator: the switch reloads the page, and a predicate run while the
		// document is replaced found no documentElement (seen once in CI).
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		expect(new URL(page.url()).pathname).toBe('/member');
		expect(await page.locator('#site-menu').isVisible()).toBe(false);
	});

	it('closes when focus or a click leaves it', async () => {
		const page = await phone(MEMBER, 'vi', '/member');
		const toggle = page.locator('button[data-testid=menu-toggle]');
		await toggle.click();
		expect(await page.locator('#site-menu').isVisible()).toBe(true);
		await page.mouse.click(PHONE.width / 2, PHONE.height - 20); // below the open menu
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		await toggle.focus();
		await page.keyboard.press('Enter');
		for (let i = 0; i < 7; i++) await page.keyboard.press('Tab'); // past the last entry
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await page.locator('#site-menu').isVisible()).toBe(false);
	});

	it('opens without JavaScript too, as a link to the menu', async () => {
		const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${app.url}/results`);
		expect(await page.locator('#site-menu').isVisible()).toBe(false);
		await page.locator('a[data-testid=menu-toggle]').click();
		expect(await page.locator('#site-menu').isVisible()).toBe(true);
		expect(await page.getByTestId('switch-language').isVisible()).toBe(true);
		await context.close();
	});

	it('stays unfolded in one row on a desktop screen', async () => {
		const page = await phone(MEMBER, 'vi', '/member');
		await page.setViewportSize({ width: 1280, height: 800 });
		try {
			expect(await page.locator('[data-testid=menu-toggle]').isVisible()).toBe(false);
			expect(await page.getByTestId('switch-language').isVisible()).toBe(true);
			expect(await page.getByTestId('logout').isVisible()).toBe(true);
			expect(await page.getByTestId('current-user').isVisible()).toBe(true);
			expect((await measureLayout(page)).headerHeight).toBeLessThanOrEqual(HEADER_MAX);
			await shot(page, 'desktop-vi');
		} finally {
			await page.setViewportSize(PHONE);
		}
	});
});

describe('the office statistics on a phone', () => {
	it('fits 360 and 390 px; each chart names its title and points at a figures table with its bars', async () => {
		for (const locale of ['vi', 'en'] as const) {
			const page = await phone('vanphong@ocop.demo', locale, '/office/statistics');
			for (const width of [PHONE.width, 390]) {
				await page.setViewportSize({ width, height: PHONE.height });
				await page.getByTestId('stat-summary').waitFor();
				const figures = await measureLayout(page);
				expect(figures.scrollWidth, `${locale} ${width}`).toBeLessThanOrEqual(figures.clientWidth);
				const charts = await page.locator('figure [role="img"]').evaluateAll((els) =>
					els.map((chart) => {
						const table = document.getElementById(chart.getAttribute('aria-describedby') ?? '');
						const title = document.getElementById(chart.getAttribute('aria-labelledby') ?? '');
						const fontPx = Math.min(
							...[...chart.children].map((c) => parseFloat(getComputedStyle(c).fontSize))
						);
						return {
							right: chart.getBoundingClientRect().right,
							bars: chart.querySelectorAll('[data-bar]').length,
							fontPx,
							rows: table?.querySelectorAll('tbody tr').length ?? -1,
							title: title?.textContent?.trim() ?? ''
						};
					})
				);
				// One per dimension the server counts by, in its order (the page has no list of its own).
				expect(charts.length).toBe(DIMENSIONS.length);
				const sections = await page
					.locator('section[data-testid^="stat-stat-"]')
					.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
				expect(sections).toEqual(DIMENSIONS.map((d) => `stat-stat-${d}`));
				for (const c of charts) {
					expect(c.right).toBeLessThanOrEqual(width);
					expect(c.rows).toBe(c.bars);
					// Labels and figures at the page's small size, not a drawing scaled down to 8 px.
					expect(c.fontPx).toBeGreaterThanOrEqual(14);
					expect(c.title.length).toBeGreaterThan(5);
				}
			}
			await page.setViewportSize(PHONE);
			const heading = await page.getByRole('heading', { level: 1 }).textContent();
			expect(heading).toBe(locale === 'vi' ? 'Thống kê kết quả' : 'Results statistics');
			// OCOP_SHOT_DIR keeps a picture of the page for a person to look at.
			if (locale === 'vi' && process.env.OCOP_SHOT_DIR)
				await page.screenshot({
					path: join(process.env.OCOP_SHOT_DIR, 'statistics-phone.png'),
					fullPage: true
				});
		}
	});
});
