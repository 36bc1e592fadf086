import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser, login } from '../helpers/browser';

let browser: Browser;

/** A three-page PDF, each page a large number, made with the app's own PDF library. */
function threePagePdf(): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument({ size: 'A4' });
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		for (let i = 1; i <= 3; i++) {
			if (i > 1) doc.addPage();
			doc.rect(50, 50, 495, 300).fill(i === 2 ? '#1d4ed8' : '#b91c1c');
			doc.fontSize(120).fillColor('#000').text(String(i), 250, 450);
		}
		doc.end();
	});
}

const app = useBuiltApp({
	seed: async (db, dir) => {
		await seedDemo(db, Date.now());
		const pdf = await threePagePdf();
		const stored = randomBytes(16).toString('hex');
		mkdirSync(join(dir, 'uploads'), { recursive: true });
		writeFileSync(join(dir, 'uploads', stored), pdf);
		db.$client
			.prepare(
				`insert into dossier_files (id, dossier_id, kind, leaf_code, stored_name, original_name, mime, size, sha256, created_at)
				 values ('viewer-pdf', 'demo-product-snack-chuoi-v1', 'evidence', '1.1', ?, 'Giấy chứng nhận.pdf', 'application/pdf', ?, ?, ?)`
			)
			.run(stored, pdf.length, createHash('sha256').update(pdf).digest('hex'), Date.now());
		// The first item is being presented: the viewer shows its dossier.
		db.$client.prepare("update sittings set state = 'open' where id = 'demo-sitting-1'").run();
		db.$client
			.prepare("update agenda_items set state = 'presenting' where id = 'demo-item-1'")
			.run();
	}
});

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

async function openRoom(email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, app.url, email);
	await page.goto(`${app.url}/sittings/demo-sitting-1`);
	return page;
}

/** The colour at the canvas's upper band, where each test page has its own block. */
function blockColour(page: Page) {
	return page.evaluate(() => {
		const c = document.querySelector<HTMLCanvasElement>('.pdf-page canvas')!;
		const d = c
			.getContext('2d')!
			.getImageData(Math.floor(c.width / 2), Math.floor(c.height * 0.15), 1, 1).data;
		return [d[0], d[1], d[2]];
	});
}

describe('the dossier opens inside the room', () => {
	it('renders the PDF in the page, and the chair turns pages for everyone', async () => {
		const chair = await openRoom('chutich@ocop.demo');
		const member = await openRoom('thanhvien1@ocop.demo');
		for (const p of [chair, member]) {
			await p.locator('.pdf-page canvas[data-status="ready"][data-pdf-page="1"]').waitFor();
		}
		const [r1, , b1] = await blockColour(member);
		expect(r1).toBeGreaterThan(150); // page 1's red block is drawn
		expect(b1).toBeLessThan(100);

		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await member.locator('.pdf-page canvas[data-status="ready"][data-pdf-page="2"]').waitFor();
		const [r2, , b2] = await blockColour(member);
		expect(b2).toBeGreaterThan(150); // page 2's blue block
		expect(r2).toBeLessThan(100);
		// A member follows; only the chair or the presenter turns pages.
		expect(await member.getByRole('button', { name: 'Trang sau' }).count()).toBe(0);

		await chair.getByRole('button', { name: 'Trang sau' }).click();
		await chair.locator('.pdf-page canvas[data-status="ready"][data-pdf-page="3"]').waitFor();
		expect(await chair.getByRole('button', { name: 'Trang sau' }).isDisabled()).toBe(true);
	});
});
