// The provincial chair signs the recognition decision, then results are published (RULES.md,
// procedure 5): the office records the decision and must print its certificates before the
// result is on the public pages. The office reads the certificate from the decision's page; the
// public still gets nothing for an unpublished result.
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { useBuiltApp } from '../helpers/app-server';
import { vnMorning } from '../helpers/certified-world';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';

const app = useBuiltApp({
	seed: (db) => {
		const world = seedWorld(db, vnMorning('2026-11-29'), { prefix: 'cp' });
		const record = lockProduct(db, world, {
			key: 'cp-snack',
			name: 'Snack chuối Bana',
			setNo: 7,
			ranks: [
				[1, 0],
				[1, 0],
				[1, 0],
				[1, 0]
			],
			closedAt: vnMorning('2026-11-29')
		});
		const decisionId = recordDecision(
			db,
			{
				councilId: world.councilId,
				number: '1234/QĐ-UBND',
				decidedOn: '2026-12-05',
				signer: 'Nguyễn Văn Thành',
				signerTitle: 'Phó Chủ tịch',
				items: [{ seq: record.seq, certificateNo: 'GCN-2026-017' }]
			},
			world.officeId,
			vnMorning('2026-12-05')
		);
		return { seq: record.seq, decisionId, officeId: world.officeId };
	}
});

async function get(path: string, cookie?: string) {
	const res = await fetch(app.url + path, { headers: cookie ? { cookie } : {} });
	return { status: res.status, type: res.headers.get('content-type'), body: res };
}

describe('a certificate whose result is not yet published', () => {
	it('is printed by the office from the decision page, and stays hidden from the public', async () => {
		const { seq, decisionId, officeId } = app.seeded;
		const office = app.signIn(officeId);
		const page = await get(`/office/decisions/${decisionId}`, office);
		expect(page.status).toBe(200);
		const html = await page.body.text();
		expect(html).toContain(`href="/results/${seq}/certificate.pdf"`);
		expect(html).toContain('Giấy chứng nhận số GCN-2026-017 (PDF)');
		// The product links to the office's own page of the result, which exists before publication.
		expect(html).toContain(`href="/office/results/${seq}"`);

		const pdf = await get(`/results/${seq}/certificate.pdf`, office);
		expect(pdf.status).toBe(200);
		expect(pdf.type).toBe('application/pdf');
		const text = flatText(Buffer.from(await pdf.body.arrayBuffer()));
		expect(text).toContain('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP');
		expect(text).toContain('Số: GCN-2026-017');
		expect(text).toContain('Theo Quyết định số 1234/QĐ-UBND ngày 05/12/2026');

		const anonymous = await get(`/results/${seq}/certificate.pdf`);
		expect(anonymous.status).toBe(404);
		await anonymous.body.arrayBuffer();
	});
});
