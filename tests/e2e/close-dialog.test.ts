// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// The chair's close dialog in Chromium says what the server will decide, from the board's close
// verdict (the close's own rules on the server): while a present member has not submitted it
// names them and offers no irreversible confirm; once that member has left without a card it
// offers the close, saying whose card is not counted, and the close locks what it said.
// Scoring fixture with a non-voting chair: m1, m2, m3 score (`recused` is out), quorum 1/2 of
// the four voting members, so two must be present.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import {
	card,
	seedScoringFixture,
	type Person,
	type ScoringFixture
} from '../integration/scoring-fixture';

const t = translator('vi');
const built = useBuiltApp({
	seed: (db) =>
		seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, Date.now(), 'scoring', {
			chairVoting: false
		}),
	timeoutMs: 60_000
});
let app: AppProcess;
let browser: Browser;
let f: ScoringFixture;

beforeAll(async () => {
	({ app, seeded: f } = built);
	browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
	await browser?.close();
});

async function open(who: Person, page: 'score' | 'board'): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const [name, value] = f.cookies[who].split('=');
	await context.addCookies([{ name, value, url: app.url }]);
	const p = await context.newPage();
	p.on('pageerror', (e) => console.error(`[${who}] page error`, e));
	await p.goto(`${app.url}/sittings/${f.sittingId}/items/${f.itemId}/${page}`);
	if (page === 'score') await p.locator('[data-testid=save-status][data-status=saved]').waitFor();
	return p;
}

async function tick(page: Page, choices: Record<string, number>): Promise<void> {
	await page.locator('form.scorecard[aria-busy=false]').waitFor();
	for (const [code, option] of Object.entries(choices))
		await page.locator(`fieldset[data-code="${code}"] input[value="${option}"]`).check();
	await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
}

const CLOSE = t('scoring.board.close');

describe('the chair’s close dialog', () => {
	it('says who must still submit, offers the close only when the server will take it', async () => {
		const board = await open('chair', 'board');
		const members = { m1: await open('m1', 'score'), m2: await open('m2', 'score') };
		const m3 = await open('m3', 'score');
		for (const p of Object.values(members)) {
			await tick(p, card());
			await p.getByRole('button', { name: 'Nộp phiếu' }).click();
			await p.getByText(/Đã nộp phiếu lúc/).waitFor();
		}
		// m3 has ticked every criterion and not submitted: the server would refuse the close.
		await tick(m3, card());
		await board.locator('[data-testid=board-submitted]', { hasText: '2/3' }).waitFor();

		const dialog = board.getByTestId('confirm-dialog');
		await board.getByRole('button', { name: CLOSE }).click();
		await dialog.waitFor();
		expect(await dialog.getByRole('heading').textContent()).toBe(
			t('scoring.board.closeBlockedTitle')
		);
		expect(await dialog.textContent()).toContain(
			t('scoring.board.missingUnsubmitted', { name: 'Người m3' })
		);
		// Nothing irreversible to press: only "understood".
		expect(await dialog.getByRole('button', { name: CLOSE }).count()).toBe(0);
		await dialog.getByRole('button', { name: t('meeting.confirm.understood') }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect(await board.getByTestId('close-refusal').count()).toBe(0);
		expect(await board.getByTestId('locked').count()).toBe(0);

		// m3 leaves without submitting: the close now locks the two cards, and the dialog says so.
		await m3.context().close();
		const counted = t('scoring.board.confirmCloseAbsent', { names: 'Người m3' });
		await expect
			.poll(
				async () => {
					await board.getByRole('button', { name: CLOSE }).click();
					await dialog.waitFor();
					const text = (await dialog.textContent()) ?? '';
					if (!text.includes(counted))
						await dialog.getByRole('button', { name: /Đã hiểu|Hủy/ }).click();
					return text;
				},
				{ timeout: 15_000 }
			)
			.toContain(counted);
		expect(await dialog.textContent()).toMatch(/2\/3 phiếu được tính, \d sao/);
		await dialog.getByRole('button', { name: CLOSE }).click();
		await board.getByTestId('locked').waitFor();
		expect(await board.getByTestId('close-refusal').count()).toBe(0);
		for (const p of Object.values(members)) await p.context().close();
	});
});
