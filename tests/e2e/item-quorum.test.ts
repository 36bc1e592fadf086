// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// The chair's sitting page in Chromium when a member recused on the live product is in the room:
// the header gives that product's quorum and says why it differs from the headcount, the agenda
// warns before scoring is opened (not after everyone has scored and the close fails), opening is
// refused with the product's figures, and a member without a conflict arriving makes it quorate.
// Council of the scoring fixture: five voting members, quorum 1/2, so three must be present.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
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
const app = useBuiltApp({ seed: (db) => seedRecusalWorld(db, Date.now()) });
let browser: Browser;
let page: Page;
let w: RecusalWorld;
const others: Client[] = [];

async function join(cookie: string): Promise<Client> {
	const socket = await connectAs(app.url, cookie);
	others.push(socket);
	expect(await command(socket, 'sitting:join', { sittingId: w.sittingId })).toMatchObject({
		ok: true
	});
	return socket;
}

beforeAll(async () => {
	w = app.seeded;
	browser = await launchBrowser();
	// m1 and the member recused on the first product are in the sitting besides the chair.
	await join(w.cookies.m1);
	await join(w.cookies.recused);
	const context = await browser.newContext();
	const [name, value] = w.cookies.chair.split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	page = await context.newPage();
	page.on('pageerror', (e) => console.error('page error', e));
	await page.goto(`${app.url}/sittings/${w.sittingId}`);
	await page.locator('[data-connected=true]').waitFor();
});
afterAll(async () => {
	for (const o of others) o.close();
	await browser?.close();
});

const badge = () => page.locator('[data-quorate]');
const row = () => page.locator(`[data-item="${w.itemId}"]`);

describe('the quorum of the live product, as the chair sees it', () => {
	it('counts the room before any product is live', async () => {
		await expect
			.poll(() => badge().textContent())
			.toMatch(/^\s*Đủ túc số: 3 có mặt \/ 5 thành viên; cần 3\s*$/);
	});

	it('says the product lacks a quorum because of the recusal, and warns before scoring', async () => {
		await row()
			.getByRole('button', { name: t('meeting.moveTo.presenting') })
			.click();
		await expect.poll(() => row().getAttribute('data-state')).toBe('presenting');
		const expected = t('meeting.attendance.notQuorateItem', {
			present: 2,
			recused: 1,
			members: 5,
			required: 3
		});
		await expect.poll(async () => (await badge().textContent())?.trim()).toBe(expected);
		expect(await badge().getAttribute('data-quorate')).toBe('false');
		await row()
			.getByRole('button', { name: t('meeting.moveTo.questions') })
			.click();
		const warning = row().getByTestId('scoring-quorum-warning');
		await warning.waitFor();
		expect((await warning.textContent())?.trim()).toBe(
			t('meeting.attendance.scoringBlocked', { missing: 1 })
		);
	});

	it('is refused opening scoring, with the product’s figures', async () => {
		await row()
			.getByRole('button', { name: t('meeting.moveTo.scoring'), exact: true })
			.click();
		await page
			.getByRole('alert')
			.filter({ hasText: t('meeting.errors.notQuorate', { present: 2, required: 3 }) })
			.waitFor();
		expect(await row().getAttribute('data-state')).toBe('questions');
	});

	it('becomes quorate when a member without a conflict arrives, and scoring opens', async () => {
		await join(w.cookies.m2);
		await expect
			.poll(async () => (await badge().textContent())?.trim())
			.toBe(
				t('meeting.attendance.quorateItem', { present: 3, recused: 1, members: 5, required: 3 })
			);
		await row().getByTestId('scoring-quorum-warning').waitFor({ state: 'detached' });
		await row()
			.getByRole('button', { name: t('meeting.moveTo.scoring'), exact: true })
			.click();
		await expect.poll(() => row().getAttribute('data-state')).toBe('scoring');
	});
});
