// Public results in the built app: only what the council published is readable without login
// (pages, report, bundle), council documents need the council or the office, and publishing from
// the office makes a result public.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getRubric } from '../../src/lib/domain/rubrics';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { run as verify } from '../../src/lib/server/cli/verify';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../../src/lib/server/results/record-builder';
import { launchBrowser, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';

const app = useBuiltApp({ seed: (db) => seedDemo(db, Date.now()) });
let browser: Browser;
let hiddenSeq = 0;
const HIDDEN = 'Bánh dừa nướng Quý Thu';
const dir = mkdtempSync(join(tmpdir(), 'ocop-results-e2e-'));

beforeAll(async () => {
	browser = await launchBrowser();
	// A second result, locked but not published, straight into the running app's database.
	const db = app.db;
	const id = (email: string) => findUserByEmail(db, email)!.id;
	const voters = [
		'chutich',
		'phochutich',
		'thanhvien1',
		'thanhvien2',
		'thanhvien3',
		'thanhvien4',
		'thanhvien5'
	];
	const rubric = getRubric('qd26-2026', 6);
	const body = buildLockedBody({
		seq: chainTip(db).seq,
		itemId: 'demo-item-2',
		sittingId: 'demo-sitting-1',
		councilId: 'demo-council-danang',
		dossierId: 'demo-product-banh-dua-v1',
		productName: HIDDEN,
		productSetNo: 6,
		members: voters.map((v) => ({
			id: id(`${v}@ocop.demo`),
			choices: choicesAtRank(rubric, 0.5, 0)
		})),
		councilSize: 9,
		closedBy: id('chutich@ocop.demo'),
		closedAt: Date.now()
	});
	hiddenSeq = appendLockedRecord(db, body).seq;
});
afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Fetches inside the page, so the session cookie goes along as the browser sends it. */
function pageFetch(page: Page, url: string): Promise<{ status: number; text: string }> {
	return page.evaluate(async (u) => {
		const res = await fetch(u);
		return { status: res.status, text: await res.text() };
	}, url);
}

const get = (path: string) => fetch(`${app.url}${path}`, { redirect: 'manual' });

describe('public results', () => {
	it('lists and explains the published result with anonymous members and its decision', async () => {
		const list = await (await get('/results')).text();
		expect(list).toContain('Snack chuối Bana');
		expect(list).not.toContain(HIDDEN);
		// Recognised by decision: drawn as stars (a proposal or a 5★ candidate would be words).
		expect(list).toContain('data-kind="recognized"');
		const page = await (await get('/results/1')).text();
		expect(page).toContain('Vì sao đạt hạng sao này');
		expect(page).toContain('Thành viên 1');
		expect(page).toContain('2871/QĐ-UBND');
		expect(page).toContain('09/07/2029'); // 36 months from the decision (10/7/2026): through the day before
		for (const name of ['Võ Thị Kim Oanh', 'Phạm Quốc Hùng', 'Trần Văn Phước'])
			expect(page).not.toContain(name);
		const filtered = await (await get('/results?stars=5')).text();
		expect(filtered).not.toContain('/results/1"');
	});

	it('ships no script on public pages, and a reader without JavaScript filters, opens and switches language', async () => {
		for (const path of ['/results', '/results/1']) {
			const html = await (await get(path)).text();
			expect(html, path).not.toMatch(/<script|modulepreload/);
		}
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${app.url}/results`);
		await page.getByRole('searchbox').fill('chuối');
		await page.getByRole('searchbox').press('Enter');
		await page.waitForURL((u) => u.searchParams.get('q') === 'chuối');
		await page.getByRole('link', { name: 'Snack chuối Bana' }).click();
		await page.waitForURL(`${app.url}/results/1`);
		await page.getByTestId('switch-language').click();
		await page.waitForURL(`${app.url}/results/1`);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.getByRole('link', { name: '‹ All results' }).count()).toBe(1);
		await context.close();
	});

	it('leaks nothing unpublished: page, search, report and bundle all answer 404 or omit it', async () => {
		expect((await get(`/results/${hiddenSeq}`)).status).toBe(404);
		expect((await get(`/results/${hiddenSeq}/report.pdf`)).status).toBe(404);
		expect((await get(`/results/${hiddenSeq}/bundle.json`)).status).toBe(404);
		expect((await get(`/documents/report/${hiddenSeq}`)).status).toBe(404);
		expect(await (await get('/results?q=B%C3%A1nh')).text()).not.toContain(HIDDEN);
		// Never-public documents send the anonymous to sign in, whatever the id.
		expect((await get('/documents/minutes/demo-sitting-1')).status).toBe(303);
		expect((await get(`/documents/sheet/${hiddenSeq}/x`)).status).toBe(303);
		expect((await get('/office/results/chain.json')).status).toBe(303);
		expect((await get('/office/results/export.csv')).status).toBe(303);
	});

	it('serves the published report and a bundle that ocop verify accepts', async () => {
		const pdf = await get('/results/1/report.pdf');
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bundle = await (await get('/results/1/bundle.json')).text();
		const file = join(dir, 'bundle.json');
		writeFileSync(file, bundle);
		let out = '';
		// Checked against the key the app publishes: the bundle must be signed by this deployment.
		const code = await verify(['--key', `${app.url}/.well-known/ocop-signing-key.pem`, file], {
			stdout: (t) => void (out += t),
			stderr: () => {},
			readStdin: async () => ''
		});
		expect(out).toMatch(/^valid$/m);
		expect(code).toBe(0);
	});
});

describe('council documents and publishing', () => {
	it('gives minutes to the council, not to a producer', async () => {
		const producer = await browser.newContext();
		const p = await producer.newPage();
		await login(p, app.url, 'htx.datquang@ocop.demo');
		expect((await pageFetch(p, `${app.url}/documents/minutes/demo-sitting-1`)).status).toBe(404);
		await producer.close();
		const chair = await browser.newContext();
		const c = await chair.newPage();
		await login(c, app.url, 'chutich@ocop.demo');
		// The held sitting has minutes; today's, published but not yet opened, has none yet.
		const minutes = await pageFetch(c, `${app.url}/documents/minutes/demo-sitting-2026-1`);
		expect(minutes.status).toBe(200);
		expect((await pageFetch(c, `${app.url}/documents/minutes/demo-sitting-1`)).status).toBe(404);
		expect(minutes.text.slice(0, 5)).toBe('%PDF-');
		const sheet = await pageFetch(c, `${app.url}/documents/sheet/1/x`);
		expect(sheet.status).toBe(404);
		await chair.close();
	});

	it('the office publishes the locked result, which then becomes public', async () => {
		// A press before the script has run (here: no script at all) gets the server's question,
		// not a publication; its cancel publishes nothing.
		const bare = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 390, height: 844 }
		});
		const b = await bare.newPage();
		await login(b, app.url, 'vanphong@ocop.demo');
		await b.goto(`${app.url}/office/results`);
		await b.getByTestId(`publish-${hiddenSeq}`).click();
		const asked = b.getByTestId('confirm-publish');
		await asked.waitFor();
		expect(await asked.textContent()).toContain(HIDDEN);
		// On a phone the question and its two answers fit the screen.
		const box = (await asked.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect((await get(`/results/${hiddenSeq}`)).status).toBe(404);
		await asked.getByRole('link', { name: 'Hủy, không thay đổi' }).click();
		await b.getByTestId(`publish-${hiddenSeq}`).waitFor();
		expect(await b.getByTestId('confirm-publish').count()).toBe(0);
		expect((await get(`/results/${hiddenSeq}`)).status).toBe(404);
		await bare.close();

		const context = await browser.newContext();
		const page = await context.newPage();
		await login(page, app.url, 'vanphong@ocop.demo');
		await page.goto(`${app.url}/office/results`);
		// The menu button replaces its no-script link once the page has hydrated.
		await page.locator('button[data-testid=menu-toggle]').waitFor({ state: 'attached' });
		// Publishing asks first; cancelling publishes nothing.
		await page.getByTestId(`publish-${hiddenSeq}`).click();
		const dialog = page.getByTestId('confirm-dialog');
		await dialog.waitFor();
		expect(await dialog.textContent()).toContain(HIDDEN);
		await dialog.getByRole('button', { name: 'Hủy, không thay đổi' }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect((await get(`/results/${hiddenSeq}`)).status).toBe(404);
		await page.getByTestId(`publish-${hiddenSeq}`).click();
		await dialog.getByRole('button', { name: 'Công bố', exact: true }).click();
		await page.getByRole('status').waitFor();
		expect((await get(`/results/${hiddenSeq}`)).status).toBe(200);
		await page.goto(`${app.url}/office/decisions`);
		expect(await page.getByTestId('all-certificates').textContent()).toContain('125/GCN-OCOP');
		const csv = await pageFetch(page, `${app.url}/office/results/export.csv`);
		expect(csv.text).toContain(HIDDEN);
		await context.close();
	});
});
