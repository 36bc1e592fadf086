// Needs the build: BUILD_DIR=build-<you> after `vite build`.
// The chair's agenda in Chromium: only the valid next step of the course is a primary button,
// other moves sit in a menu and ask for confirmation (cancel changes nothing), the presentation
// clock stops when questions begin, scoring takes the floor back, and the scorecard and the
// board open as panels of the sitting page (the page, its socket and its room stay).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';

const SITTING = 'demo-sitting-1';
const app = useBuiltApp({ seed: (db) => seedDemo(db, Date.now()) });
let browser: Browser;
let chair: Page;
let member: Page;

async function openSitting(email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error(`[${email}] page error`, e));
	await login(page, app.url, email);
	await page.goto(`${app.url}/sittings/${SITTING}`);
	await page.locator('[data-connected=true]').waitFor();
	return page;
}

const row = (n: number) => chair.locator(`[data-item="demo-item-${n}"]`);
const primaries = () =>
	chair.locator('.agenda-list button.primary').evaluateAll((bs) =>
		bs.map((b) => ({
			item: b.closest('li')?.getAttribute('data-item'),
			text: b.textContent?.trim()
		}))
	);
const stateOf = (n: number) => row(n).getAttribute('data-state');

beforeAll(async () => {
	// Two people attend: the council's quorum is lowered so that they are quorate.
	app.db.$client.prepare('update councils set quorum_num = 1, quorum_den = 9').run();
	browser = await launchBrowser();
	chair = await openSitting('chutich@ocop.demo');
	member = await openSitting('thanhvien1@ocop.demo');
});
afterAll(async () => {
	await browser?.close();
});

describe('the header in the sitting', () => {
	it('names the chair and the secretary by their seat, a member by the account', async () => {
		const chip = (page: Page) => page.getByTestId('current-user').textContent();
		expect((await chip(chair))?.trim()).toBe('Trần Văn Phước · Chủ tịch Hội đồng');
		expect((await chip(member))?.trim()).toMatch(/ · Thành viên Hội đồng$/);
		const secretary = await openSitting('vanphong@ocop.demo');
		expect((await chip(secretary))?.trim()).toMatch(/ · Thư ký Hội đồng$/);
		// Elsewhere the header names the account, as before.
		await chair.goto(`${app.url}/member`);
		expect((await chip(chair))?.trim()).toBe('Trần Văn Phước · Thành viên Hội đồng');
		await chair.goto(`${app.url}/sittings/${SITTING}`);
		await chair.locator('[data-connected=true]').waitFor();
		await secretary.context().close();
	});
});

describe('the dossier before any item is live', () => {
	it('says no product is under review yet, not that the dossier has no file', async () => {
		for (const page of [chair, member]) {
			const viewer = page.locator('.dossier-viewer');
			expect((await viewer.locator('p.muted').textContent())?.trim()).toBe(
				'Chưa có sản phẩm nào đang được xét. Hồ sơ của sản phẩm hiện ở đây khi Chủ tịch Hội đồng mời sản phẩm trình bày.'
			);
		}
	});
});

describe('the chair’s agenda', () => {
	it('offers one primary step, the call of the first pending item', async () => {
		expect(await primaries()).toEqual([{ item: 'demo-item-1', text: 'Mời trình bày' }]);
		// Skipping the presentation is still reachable, but only from the item's other steps.
		await row(1).getByText('Bước khác…').click();
		expect(
			await row(1)
				.locator('.more-list button')
				.evaluateAll((bs) => bs.map((b) => b.textContent?.trim()))
		).toEqual(['Chuyển sang hỏi đáp', 'Mở chấm điểm', 'Hoãn xét']);
		await row(1).getByText('Bước khác…').click();
	});

	it('asks before deferring, and cancelling changes nothing', async () => {
		await row(2).getByText('Bước khác…').click();
		await row(2).getByRole('button', { name: 'Hoãn xét' }).click();
		const dialog = chair.getByTestId('confirm-dialog');
		await dialog.waitFor();
		expect(await dialog.getByRole('heading').textContent()).toBe('Hoãn xét');
		expect(await dialog.textContent()).toContain('2. ');
		// The safe choice has the focus: Enter alone does not defer.
		expect(
			await chair.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value)
		).toBe('cancel');
		await chair.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		await chair.waitForTimeout(500);
		expect(await stateOf(2)).toBe('pending');
		await row(2).getByText('Bước khác…').click();
		await row(2).getByRole('button', { name: 'Hoãn xét' }).click();
		await dialog.getByRole('button', { name: 'Hủy, không thay đổi' }).click();
		await chair.waitForTimeout(500);
		expect(await stateOf(2)).toBe('pending');
		expect(await member.locator('[data-item="demo-item-2"]').getAttribute('data-state')).toBe(
			'pending'
		);
	});

	it('moves the primary step along the course; N puts the focus on it', async () => {
		await chair.keyboard.press('n');
		expect(await chair.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
			'Mời trình bày'
		);
		await chair.keyboard.press('Enter');
		await row(1).and(chair.locator('[data-state="presenting"]')).waitFor();
		expect(await primaries()).toEqual([{ item: 'demo-item-1', text: 'Chuyển sang hỏi đáp' }]);
		// Another item may only be deferred while this one is live.
		await row(2).getByText('Bước khác…').click();
		expect(
			await row(2)
				.locator('.more-list button')
				.evaluateAll((bs) => bs.map((b) => b.textContent?.trim()))
		).toEqual(['Hoãn xét']);
		await row(2).getByText('Bước khác…').click();
	});

	it('stops the presentation clock when questions begin', async () => {
		await chair.keyboard.press('t');
		const clock = chair.locator('.meeting-timer strong');
		await chair.getByRole('button', { name: 'Tạm dừng' }).waitFor();
		await chair.waitForTimeout(1200);
		await row(1).getByRole('button', { name: 'Chuyển sang hỏi đáp' }).click();
		await chair.getByTestId('timer-stopped').waitFor();
		const stopped = await clock.textContent();
		expect(stopped).not.toBe('15:00');
		await chair.waitForTimeout(1500);
		expect(await clock.textContent()).toBe(stopped);
		expect(await member.locator('.meeting-timer strong').textContent()).toBe(stopped);
		// Nobody may start the presentation's clock during the questions.
		expect(await chair.getByRole('button', { name: 'Bắt đầu' }).count()).toBe(0);
		expect(await primaries()).toEqual([{ item: 'demo-item-1', text: 'Mở chấm điểm' }]);
	});

	it('takes the floor back when scoring opens', async () => {
		await member.getByRole('button', { name: '✋ Giơ tay xin phát biểu' }).click();
		await chair.getByRole('button', { name: 'Mời người tiếp theo' }).waitFor();
		await chair.keyboard.press('h');
		await member.getByText(/^Đang phát biểu:/).waitFor();
		await chair.getByText(/^Đang phát biểu:/).waitFor();
		await row(1).getByRole('button', { name: 'Mở chấm điểm' }).click();
		await member.locator('[data-item="demo-item-1"][data-state="scoring"]').waitFor();
		await member.getByText(/^Đang phát biểu:/).waitFor({ state: 'detached' });
		await chair.getByText(/^Đang phát biểu:/).waitFor({ state: 'detached' });
		// Closing happens on the board: the agenda has no primary step left for a scoring item.
		expect(await primaries()).toEqual([]);
	});
});

describe('attendance and quorum', () => {
	it('lists the chair first, then by council role and name, and keeps that order', async () => {
		const order = () =>
			member.locator('.attendance-list li').evaluateAll((lis) =>
				lis.map((li) => ({
					id: li.getAttribute('data-user'),
					text: li.textContent ?? ''
				}))
			);
		const first = await order();
		expect(first[0].text).toContain('Chủ tịch Hội đồng');
		const rank = (t: string) =>
			['Chủ tịch Hội đồng', 'Phó Chủ tịch', 'Thành viên (Ủy viên)', 'Thư ký Hội đồng'].findIndex(
				(r) => t.includes(`· ${r}`)
			);
		const ranks = first.map((p) => rank(p.text));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		// Someone arriving changes a dot, not the order.
		const vice = await openSitting('phochutich@ocop.demo');
		await member.locator('[data-present=true]').nth(2).waitFor();
		expect((await order()).map((p) => p.id)).toEqual(first.map((p) => p.id));
		await vice.context().close();
	});

	it('says the quorum one way: present / members; needed', async () => {
		await expect
			.poll(() => chair.locator('[data-quorate]').textContent())
			.toMatch(/^\s*Đủ túc số: 2 có mặt \/ 9 thành viên; cần 1\s*$/);
	});
});

describe('the scorecard and the board in the room', () => {
	it('opens the scorecard as a panel of the sitting page, and Back closes it', async () => {
		const marker = await member.evaluate(() => ((window as never as { x: number }).x = 42));
		await member.getByRole('link', { name: 'Mở phiếu đánh giá (chấm điểm)' }).click();
		const panel = member.getByTestId('room-panel');
		await panel.and(member.locator('[data-kind="score"]')).waitFor();
		await panel.locator('form.scorecard').waitFor();
		// The reading moves to the panel (a screen reader hears where it went).
		expect(await member.evaluate(() => document.activeElement?.id)).toBe('room-panel-title');
		// The dossier-rejection conditions of the product's set are shown to the member.
		await panel.getByText('Điều kiện loại hồ sơ', { exact: true }).click();
		expect(await panel.getByTestId('disqualify-when').textContent()).toContain('Giả mạo hồ sơ');
		expect(new URL(member.url()).pathname).toBe(`/sittings/${SITTING}/items/demo-item-1/score`);
		// Same document (no navigation): the agenda, the floor and the connection are still here.
		expect(await member.evaluate(() => (window as never as { x: number }).x)).toBe(marker);
		await member.locator('[data-connected=true]').waitFor();
		await member.getByRole('heading', { name: 'Chương trình phiên họp' }).waitFor();
		await member.goBack();
		await panel.waitFor({ state: 'detached' });
		expect(new URL(member.url()).pathname).toBe(`/sittings/${SITTING}`);
		expect(await member.evaluate(() => (window as never as { x: number }).x)).toBe(marker);
	});

	it('opens the board for the chair with B, and closing asks first', async () => {
		await chair.keyboard.press('b');
		const panel = chair.getByTestId('room-panel');
		await panel.and(chair.locator('[data-kind="board"]')).waitFor();
		await panel.getByRole('button', { name: 'Kết thúc và khóa kết quả' }).click();
		const dialog = chair.getByTestId('confirm-dialog').last();
		await dialog.waitFor();
		// No card is in yet: the dialog says the server would refuse, and offers nothing to confirm.
		expect(await dialog.textContent()).toContain('Máy chủ sẽ không kết thúc');
		expect(await dialog.textContent()).toContain('chưa nộp phiếu');
		expect(await dialog.getByRole('button', { name: 'Kết thúc và khóa kết quả' }).count()).toBe(0);
		await dialog.getByRole('button', { name: 'Đã hiểu' }).click();
		await chair.waitForTimeout(500);
		expect(await stateOf(1)).toBe('scoring');
		await panel.getByRole('button', { name: 'Đóng bảng' }).click();
		await panel.waitFor({ state: 'detached' });
	});

	it('closes in one click after switching between the board and the scorecard', async () => {
		const panel = chair.getByTestId('room-panel');
		// A panel opened over another one takes its place: board → card → board → card → board.
		for (const [key, kind] of [
			['b', 'board'],
			['s', 'score'],
			['b', 'board'],
			['s', 'score'],
			['b', 'board']
		] as const) {
			await chair.keyboard.press(key);
			await panel.and(chair.locator(`[data-kind="${kind}"]`)).waitFor();
		}
		await panel.getByRole('button', { name: 'Đóng bảng' }).click();
		await panel.waitFor({ state: 'detached' });
		expect(new URL(chair.url()).pathname).toBe(`/sittings/${SITTING}`);
		// And the sitting page is what Back had left: nothing of the panels stays in the history.
		await chair.waitForTimeout(300);
		expect(await panel.count()).toBe(0);
	});
});
