// The page a certificate's QR code opens, in Chromium against the built app: it says whether the
// certificate is valid, expiring, expired in grace, expired, revoked or replaced by a later
// certificate of the same product, with dd/mm/yyyy dates.
// The built app runs on the real clock, so each certificate's expiry is set relative to today.
// (Six certificates: their decision is numbered 106 by seedCertified.)
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays } from '../../src/lib/domain/certificate-life';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import {
	certificateReplacements,
	certificateRevocations,
	decisionItems
} from '../../src/lib/server/db/schema';
import { vnDate } from '../../src/lib/server/results/figures';
import { useBuiltApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { seedCertified } from '../helpers/certified-world';

let officeCookie = '';
let decisionId = '';
let browser: Browser;
const today = vnDate(Date.now());
const dmy = (iso: string) => iso.split('-').reverse().join('/');
// Days from today to expiry, per certificate.
const CASES = {
	valid: 400,
	expiring: 150,
	grace: -30,
	expired: -200,
	revoked: 400,
	superseded: 400
} as const;
const seqs: Record<string, number> = {};

const app = useBuiltApp({
	seed: (db) => {
		const cw = seedCertified(db, Date.now(), Object.keys(CASES), '2024-01-10', 'qr');
		for (const [i, [key, days]] of Object.entries(CASES).entries()) {
			const seq = cw.certs[i].seq;
			seqs[key] = seq;
			db.update(decisionItems)
				.set({ expiresOn: addDays(today, days) })
				.where(eq(decisionItems.seq, seq))
				.run();
		}
		db.insert(certificateRevocations)
			.values({
				seq: seqs.revoked,
				ground: 'false-dossier',
				detail: 'Phiếu kiểm nghiệm không đúng mẫu',
				number: '15/QĐ-UBND',
				decidedOn: '2025-03-04',
				signer: 'Trần Nam Hưng',
				signerTitle: 'Phó Chủ tịch',
				createdBy: cw.office.id,
				createdAt: Date.now()
			})
			.run();
		// Replaced by the valid one's certificate (as a later decision of the product records it).
		db.insert(certificateReplacements)
			.values({
				seq: seqs.superseded,
				bySeq: seqs.valid,
				replacedOn: '2025-06-02',
				createdAt: Date.now()
			})
			.run();
		decisionId = cw.decisionId;
		const policy = { idleMs: 3_600_000, absoluteMs: 8 * 3_600_000 };
		officeCookie = createSession(db, cw.office.id, policy, Date.now()).token;
	}
});

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe("the certificate's public page", () => {
	it.each([
		['valid', 'Còn hiệu lực', `Hiệu lực đến hết ngày ${dmy(addDays(today, 400))}`],
		['expiring', 'Sắp hết hiệu lực', `Hiệu lực đến hết ngày ${dmy(addDays(today, 150))}`],
		// Rule 10: no filing after the window, so the 180 days after expiry promise none.
		['grace', 'Hết hiệu lực', 'Hạn nộp hồ sơ đánh giá lại đã qua'],
		['expired', 'Hết hiệu lực', `Hết hiệu lực từ ngày ${dmy(addDays(today, -199))}`],
		['revoked', 'Đã bị thu hồi', 'Thu hồi theo Quyết định số 15/QĐ-UBND ngày 04/03/2025'],
		['superseded', 'Đã được thay thế', 'Đã được thay thế bởi Giấy chứng nhận số']
	])('shows a %s certificate as such, with its dates', async (key, words, dates) => {
		const page = await browser.newPage();
		try {
			await page.goto(`${app.url}/results/${seqs[key]}`);
			const box = page.getByTestId('certificate-standing');
			expect(await box.getAttribute('data-state')).toBe(key);
			const text = (await box.innerText()).replace(/\s+/g, ' ');
			expect(text).toContain(words);
			expect(text).toContain(dates);
			expect(text).toContain('Cấp theo Quyết định số 106/QĐ-UBND ngày 10/01/2024');
			const notValid = await page.getByText('Giấy chứng nhận này không còn giá trị.').count();
			expect(notValid).toBe(key === 'valid' || key === 'expiring' ? 0 : 1);
			// The result's own decision line no longer states the term of a revoked certificate.
			const decisionLine = await page.getByTestId('decision').innerText();
			expect(decisionLine.includes('Đã bị thu hồi')).toBe(key === 'revoked');
			expect(decisionLine.includes('đã được thay thế')).toBe(key === 'superseded');
			// The certificate PDF is offered only while it is not revoked.
			const pdfLinks = await page
				.locator(`a[href="/results/${seqs[key]}/certificate.pdf"]`)
				.count();
			expect(pdfLinks).toBe(key === 'revoked' || key === 'superseded' ? 0 : 1);
		} finally {
			await page.close();
		}
	});

	it('refuses to print a revoked certificate again', async () => {
		const res = await fetch(`${app.url}/results/${seqs.revoked}/certificate.pdf`);
		expect(res.status).toBe(410);
		expect(await res.text()).toContain('không còn giá trị');
	});
});

describe("the decision's office page", () => {
	it('shows each certificate with its standing and records a complaint through its form', async () => {
		const context = await browser.newContext();
		await context.addCookies([
			{ name: SESSION_COOKIE, value: officeCookie, url: app.url, httpOnly: true, sameSite: 'Lax' }
		]);
		const page = await context.newPage();
		try {
			await page.goto(`${app.url}/office/decisions/${decisionId}`);
			await expect(page.getByTestId('decision-certificate').count()).resolves.toBe(6);
			const phases = await page.getByTestId('certificate-phase').allInnerTexts();
			expect(phases.join(' | ')).toContain('Hết hạn; đã qua hạn nộp hồ sơ đánh giá lại');
			expect(phases.join(' | ')).toContain(
				'Đã thu hồi theo Quyết định số 15/QĐ-UBND ngày 04/03/2025'
			);
			expect(phases.join(' | ')).toContain('Đã được thay thế bởi Giấy chứng nhận số');
			await page.fill('input[name="complainant"]', 'Ông Nguyễn Văn Tư');
			await page.fill('textarea[name="content"]', 'Đề nghị xem lại điểm phần C');
			await page.getByRole('button', { name: 'Ghi nhận khiếu nại' }).click();
			await page.getByTestId('complaint').waitFor();
			expect(await page.getByTestId('complaint-status').innerText()).toBe('Đã tiếp nhận');
		} finally {
			await context.close();
		}
	});
});
