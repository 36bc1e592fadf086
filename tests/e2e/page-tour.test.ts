// Every page of the app, opened by every kind of visitor who uses it, on the demo data: axe-core
// finds no serious or critical violation at 1366×768 nor at 390×844, the first controls reached
// with Tab show a focus ring, and at 390 px nothing reaches past the right edge (no sideways
// scrolling, no cut-off column or chart label), in Vietnamese and in English. Screenshots (in
// Vietnamese) go to test-results/screenshots/{desktop,phone}/ for review.
// A new route fails the first test until it is added to PAGES. Needs the build (BUILD_DIR=…).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';
import {
	DESKTOP,
	PHONE_390,
	measureOverflow,
	offScale,
	seriousViolations,
	settle,
	unringedStops
} from '../helpers/page-audit';
import { ROLE_EMAILS, seedTour, type Role, type TourData } from '../helpers/page-tour';
import { routeSurfaces } from '../helpers/surfaces';
import { LOCALE_COOKIE } from '../../src/lib/i18n';

interface TourPage {
	role: Role;
	/** The route id the page renders (`+error`: the error page; `(refusal)`: a hook's 403). */
	route: string;
	path: string | ((d: TourData) => string);
	/** What shows once the page's live content is in (the default: the app has hydrated). */
	ready?: string;
	status?: number;
}

/** The scorecard: saved, and every criterion on the page (it adds them a few per task). */
const SCORECARD_READY = 'main:has(form.scorecard[aria-busy=false]) [data-status=saved]';
const ROOM = '/sittings/demo-sitting-1';
const ITEM = `${ROOM}/items/demo-item-1`;
const DOSSIER = 'demo-product-snack-chuoi-v1';
const PDF_READY = '.pdf-page canvas[data-status=ready]';
const SHARED = ['/notifications', '/account/password'];

const PAGES: TourPage[] = [
	{ role: 'public', route: '/', path: '/' },
	{ role: 'public', route: '/login', path: '/login' },
	// The public results pages ship no script (csr = false): nothing hydrates, the page is ready
	// when its content is there.
	{ role: 'public', route: '/results', path: '/results', ready: '[data-testid=results-table]' },
	{ role: 'public', route: '/results/[seq]', path: '/results/1', ready: 'main h1' },
	{ role: 'public', route: '/invite/[token]', path: (d) => `/invite/${d.inviteToken}` },
	{ role: 'producer', route: '/producer', path: '/producer' },
	{
		role: 'producer',
		route: '/producer/dossiers/[id]',
		path: (d) => `/producer/dossiers/${d.draftId}`
	},
	{ role: 'producer', route: '/producer/dossiers/[id]', path: `/producer/dossiers/${DOSSIER}` },
	{ role: 'producer', route: '/producer/products/new', path: '/producer/products/new' },
	{ role: 'producer', route: '/producer/profile', path: '/producer/profile' },
	{ role: 'producer', route: '/producer/renew', path: '/producer/renew' },
	// The page a hook answers a refusal with (plain HTML, no app), and the app's error page.
	{
		role: 'producer',
		route: '(refusal)',
		path: '/admin/users',
		status: 403,
		ready: '[data-testid=error-message]'
	},
	{ role: 'member', route: '+error', path: '/dossiers/khong-co-ho-so', status: 404 },
	{ role: 'member', route: '/member', path: '/member' },
	{ role: 'member', route: '/dossiers/[id]', path: `/dossiers/${DOSSIER}` },
	{ role: 'member', route: '/sittings/[id]', path: ROOM, ready: PDF_READY },
	{
		role: 'member',
		route: '/sittings/[id]/items/[itemId]/score',
		path: `${ITEM}/score`,
		ready: SCORECARD_READY
	},
	{ role: 'member', route: '/results', path: '/results', ready: '[data-testid=results-table]' },
	{ role: 'chair', route: '/member', path: '/member' },
	{ role: 'chair', route: '/sittings/[id]', path: ROOM, ready: PDF_READY },
	{
		role: 'chair',
		route: '/sittings/[id]/items/[itemId]/board',
		path: `${ITEM}/board`,
		ready: '[data-testid=board-submitted]'
	},
	{
		role: 'chair',
		route: '/sittings/[id]/items/[itemId]/score',
		path: `${ITEM}/score`,
		ready: SCORECARD_READY
	},
	{ role: 'office', route: '/office', path: '/office' },
	{ role: 'office', route: '/office/audit', path: '/office/audit' },
	{ role: 'office', route: '/office/councils', path: '/office/councils' },
	{ role: 'office', route: '/office/councils/[id]', path: '/office/councils/demo-council-danang' },
	{ role: 'office', route: '/office/decisions', path: '/office/decisions' },
	{
		role: 'office',
		route: '/office/decisions/[id]',
		path: '/office/decisions/demo-decision-2026-1'
	},
	{
		role: 'office',
		route: '/office/councils/[id]/written',
		path: '/office/councils/demo-council-danang/written'
	},
	{ role: 'office', route: '/office/mail', path: '/office/mail' },
	{ role: 'office', route: '/office/ministry', path: '/office/ministry' },
	{ role: 'office', route: '/office/statistics', path: '/office/statistics' },
	{ role: 'office', route: '/office/templates', path: '/office/templates' },
	{ role: 'office', route: '/office/dossiers', path: '/office/dossiers' },
	{ role: 'office', route: '/office/dossiers/[id]', path: `/office/dossiers/${DOSSIER}` },
	{ role: 'office', route: '/office/results', path: '/office/results' },
	{ role: 'office', route: '/office/results/[seq]', path: '/office/results/1' },
	{ role: 'office', route: '/office/sittings/[id]', path: '/office/sittings/demo-sitting-1' },
	{ role: 'office', route: '/sittings/[id]', path: ROOM, ready: PDF_READY },
	{
		role: 'office',
		route: '/sittings/[id]/items/[itemId]/board',
		path: `${ITEM}/board`,
		ready: '[data-testid=board-submitted]'
	},
	{ role: 'admin', route: '/admin', path: '/admin' },
	{ role: 'admin', route: '/admin/users', path: '/admin/users' },
	{ role: 'commune', route: '/commune', path: '/commune' },
	{
		role: 'commune',
		route: '/commune/dossiers/[id]',
		path: (d) => `/commune/dossiers/${d.submittedId}`
	},
	// The pages every signed-in account has, under each account's own menu.
	...(Object.keys(ROLE_EMAILS) as Role[]).flatMap((role) =>
		SHARED.map((route) => ({ role, route, path: route }))
	)
];
/** Routes with a server load only, that redirect and so have nothing to look at. */
const REDIRECTS = ['/home', '/logout'];
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const RING_STOPS = 12;

const app = useBuiltApp({ seed: seedTour });
let tour: TourData;
let browser: Browser;
const contexts = new Map<string, Promise<BrowserContext>>();

beforeAll(async () => {
	tour = app.seeded;
	browser = await launchBrowser();
	for (const size of ['desktop', 'phone']) mkdirSync(join(SHOTS, size), { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

/**
 * One browser context per role and language, signed in once (a login costs a password hash);
 * each page gets its own tab in it, so pages of different roles can be toured side by side. The
 * English contexts carry the language cookie the switch sets, and start at phone size.
 */
function signedIn(role: Role, lang: 'vi' | 'en' = 'vi'): Promise<BrowserContext> {
	const key = `${role}/${lang}`;
	let context = contexts.get(key);
	if (!context) {
		context = (async () => {
			const c = await browser.newContext({ viewport: lang === 'en' ? PHONE_390 : DESKTOP });
			if (lang === 'en') await c.addCookies([{ name: LOCALE_COOKIE, value: 'en', url: app.url }]);
			if (role !== 'public') await login(await c.newPage(), app.url, ROLE_EMAILS[role]);
			return c;
		})();
		contexts.set(key, context);
	}
	return context;
}

const slug = (p: TourPage, path: string) =>
	`${p.role}${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`;

// Side by side: most of a page's time is waiting (load, hydration, axe), which two cores overlap.
describe.concurrent('the page tour', { timeout: 240_000 }, () => {
	it('covers every page route and every role', ({ expect }) => {
		const routes = routeSurfaces()
			.filter((s) => s.kind === 'page')
			.map((s) => s.route);
		const covered = new Set([...PAGES.map((p) => p.route), ...REDIRECTS]);
		expect(routes.filter((r) => !covered.has(r))).toEqual([]);
		const extra = ['+error', '(refusal)'];
		expect([...covered].filter((r) => !extra.includes(r) && !routes.includes(r))).toEqual([]);
		expect(new Set(PAGES.map((p) => p.role))).toEqual(
			new Set(['public', ...Object.keys(ROLE_EMAILS)])
		);
	});

	it("the tab's icon and the phone's home-screen icon are PNGs the app serves", async ({
		expect
	}) => {
		const html = await (await fetch(`${app.url}/`)).text();
		const icons = [...html.matchAll(/<link rel="(icon|apple-touch-icon)" href="([^"]+)"/g)];
		expect(icons.map((m) => m[1]).sort()).toEqual(['apple-touch-icon', 'icon']);
		for (const [, rel, href] of icons) {
			const res = await fetch(new URL(href, `${app.url}/`));
			expect(res.status, rel).toBe(200);
			expect(res.headers.get('content-type'), rel).toBe('image/png');
			const bytes = new Uint8Array(await res.arrayBuffer());
			expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), rel).toBe(
				'PNG'
			);
		}
	});

	for (const p of PAGES) {
		const shown = typeof p.path === 'string' ? p.path : p.route;
		it(`${p.role} ${shown}: accessible, a visible focus ring, fits a 390 px phone`, async ({
			expect
		}) => {
			const path = typeof p.path === 'string' ? p.path : p.path(tour);
			const name = slug(p, path);
			const page = await (await signedIn(p.role)).newPage();
			page.setDefaultTimeout(60_000); // several tabs share two busy cores
			// An SVG file shown as an image (an <img>, a CSS background) is a document of its own
			// that the browser builds on the page's only thread: the header's logo so cost 6 ms of
			// this machine on every load. Icons are drawn in the page's markup instead.
			const svgImages: string[] = [];
			page.on('request', (r) => {
				if (
					r.resourceType() === 'image' &&
					new URL(r.url()).pathname.toLowerCase().endsWith('.svg')
				)
					svgImages.push(r.url());
			});
			try {
				const res = await page.goto(`${app.url}${path}`);
				expect(res?.status(), path).toBe(p.status ?? 200);
				// The menu button replaces its no-script link once the page has hydrated (hidden at
				// desktop width, so only attached).
				if (p.ready) await page.locator(p.ready).first().waitFor();
				else await page.locator('button[data-testid=menu-toggle]').waitFor({ state: 'attached' });

				expect.soft(await unringedStops(page, RING_STOPS), `${path}: focus ring`).toEqual([]);
				expect.soft(await seriousViolations(page), `${path}: axe at 1366`).toEqual([]);
				const wide = await measureOverflow(page);
				expect.soft(wide.clippedLabels, `${path}: chart labels cut off at 1366`).toEqual([]);
				expect.soft(await offScale(page), `${path}: text off the type scale at 1366`).toEqual([]);
				await page.screenshot({ path: join(SHOTS, 'desktop', `${name}.png`), fullPage: true });

				await page.setViewportSize(PHONE_390);
				await settle(page);
				await page.screenshot({ path: join(SHOTS, 'phone', `${name}.png`), fullPage: true });
				const o = await measureOverflow(page);
				expect
					.soft(o.scrollWidth, `${path}: ${JSON.stringify(o)}`)
					.toBeLessThanOrEqual(o.innerWidth);
				expect.soft(o.offenders, `${path}: past the right edge at 390`).toEqual([]);
				expect.soft(o.clippedLabels, `${path}: chart labels cut off at 390`).toEqual([]);
				expect.soft(svgImages, `${path}: SVG files loaded as images`).toEqual([]);
				expect.soft(await offScale(page), `${path}: text off the type scale at 390`).toEqual([]);
				// A phone lays pages out differently (folded menu, stacked panels, tables in
				// scrollers): the whole page is scanned again at that size.
				expect.soft(await seriousViolations(page), `${path}: axe at 390`).toEqual([]);
			} finally {
				await page.close();
			}
		});

		// English words are longer than Vietnamese ones in places (buttons, headings, table
		// headers): the phone layout is checked in the second language too. The pages every
		// account has differ by role only in the site menu, which each role's own pages cover.
		if (SHARED.includes(p.route) && p.role !== 'member') continue;
		it(`${p.role} ${shown}: fits a 390 px phone in English`, async ({ expect }) => {
			const path = typeof p.path === 'string' ? p.path : p.path(tour);
			const page = await (await signedIn(p.role, 'en')).newPage();
			page.setDefaultTimeout(60_000);
			try {
				const res = await page.goto(`${app.url}${path}`);
				expect(res?.status(), path).toBe(p.status ?? 200);
				if (p.ready) await page.locator(p.ready).first().waitFor();
				else await page.locator('button[data-testid=menu-toggle]').waitFor({ state: 'attached' });
				// The refusal page is the hook's plain HTML, outside the app's layout.
				if (p.route !== '(refusal)')
					expect(await page.locator('html').getAttribute('lang'), path).toBe('en');
				await settle(page);
				// No screenshot: the tour's time counts in CI, and the Vietnamese ones show the layout.
				const o = await measureOverflow(page);
				expect
					.soft(o.scrollWidth, `${path} (en): ${JSON.stringify(o)}`)
					.toBeLessThanOrEqual(o.innerWidth);
				expect.soft(o.offenders, `${path}: past the right edge at 390 in English`).toEqual([]);
				expect.soft(o.clippedLabels, `${path}: chart labels cut off in English`).toEqual([]);
			} finally {
				await page.close();
			}
		});
	}
});
