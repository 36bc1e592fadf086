// The page rules of the documents: a table's header keeps with its first row and comes back after
// a page break, the rows after it are in regular weight, no row runs past the bottom margin, and
// the signature block never stands alone on a page.
import { describe, expect, it } from 'vitest';
import { closing, finish, legalHeading } from '../../src/lib/server/documents/frame';
import {
	MARGIN,
	newPdf,
	paragraph,
	section,
	table,
	toBuffer
} from '../../src/lib/server/documents/pdf';
import { DEMO_TEMPLATE } from '../../src/lib/server/seed/demo-template';
import { pdfItems } from '../helpers/pdf-items';
import { pageText } from '../helpers/pdf-text';
import { getRubric } from '../../src/lib/domain/rubrics';
import { sealRecord, GENESIS_HASH } from '../../src/lib/domain/result-record';
import { buildLockedBody, choicesAtRank } from '../../src/lib/server/results/record-builder';
import { scoreSheetPdf } from '../../src/lib/server/documents/score-sheet';

const t = DEMO_TEMPLATE;
const at = Date.UTC(2026, 1, 4, 20); // 05/02/2026 in Việt Nam

function start(title: string) {
	const doc = newPdf(title);
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: '03/BB-HĐOCOP',
		place: t.place,
		at,
		title: 'Biên bản',
		subject: [title]
	});
	return doc;
}

const long = (i: number) =>
	`Tiêu chí ${i}: nguồn nguyên liệu ≥ 50% tại địa phương`.repeat(1 + (i % 4));

describe('document layout', () => {
	it('has the heading parts and a date with leading zeros', async () => {
		const doc = start('Thử bố cục');
		finish(doc);
		const text = (await pdfItems(await toBuffer(doc))).map((i) => i.text).join('\n');
		expect(text).toContain('Đà Nẵng, ngày 05 tháng 02 năm 2026');
		expect(text).toContain('Số: 03/BB-HĐOCOP');
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
	});

	it('repeats the header after a break, rows in regular weight, none past the margin', async () => {
		const doc = start('Bảng dài');
		section(doc, 'I. BẢNG ĐIỂM');
		const rows = Array.from({ length: 80 }, (_, i) => [`R${i + 1}`, long(i), String(i % 6)]);
		table(doc, ['Mã', 'Tiêu chí', 'Điểm'], rows, [0.12, 0.7, 0.18]);
		finish(doc);
		const items = await pdfItems(await toBuffer(doc));
		const pages = Math.max(...items.map((i) => i.page));
		expect(pages).toBeGreaterThan(2);
		for (const item of items)
			expect(item.top, `${item.text} on page ${item.page}`).toBeLessThanOrEqual(
				item.pageHeight - MARGIN.bottom + 1
			);
		for (let p = 1; p <= pages; p++) {
			const onPage = items.filter((i) => i.page === p).sort((a, b) => a.top - b.top);
			const header = onPage.find((i) => i.text === 'Tiêu chí');
			expect(header, `header on page ${p}`).toBeDefined();
			expect(header!.font).toMatch(/Bold/);
			// The first row under the header is set in regular weight.
			const firstRow = onPage.find((i) => /^R\d+$/.test(i.text) && i.top > header!.top);
			expect(firstRow, `a row under the header on page ${p}`).toBeDefined();
			expect(firstRow!.font).not.toMatch(/Bold/);
		}
		// Every row printed exactly once.
		const printed = items.filter((i) => /^R\d+$/.test(i.text)).map((i) => i.text);
		expect(printed).toEqual(rows.map((r) => r[0]));
		// The "≥" is set (in a fallback face), not dropped.
		expect(items.some((i) => i.text.includes('≥'))).toBe(true);
	});

	it('keeps a heading with what follows it', async () => {
		let moved = 0;
		for (let fill = 20; fill < 34; fill += 2) {
			const doc = start('Tiêu đề');
			for (let i = 0; i < fill; i++) paragraph(doc, `Đoạn ${i + 1}.`);
			section(doc, 'II. KẾT LUẬN CỦA HỘI ĐỒNG');
			paragraph(doc, 'Nội dung kết luận của Hội đồng.');
			finish(doc);
			const items = await pdfItems(await toBuffer(doc));
			const heading = items.find((i) => i.text.startsWith('II. KẾT LUẬN'))!;
			const body = items.find((i) => i.text.startsWith('Nội dung kết luận'))!;
			expect(body.page, `fill ${fill}`).toBe(heading.page);
			if (heading.page > 1 && items.some((i) => i.page === 1 && i.text.startsWith('Đoạn'))) moved++;
		}
		expect(moved).toBeGreaterThan(0);
	});

	it('never leaves the signature block alone on a page', async () => {
		let broke = 0;
		for (let fill = 14; fill < 34; fill += 2) {
			const doc = start('Chữ ký');
			for (let i = 0; i < fill; i++) paragraph(doc, `Đoạn nội dung số ${i + 1} của văn bản.`);
			closing(doc, {
				lead: [
					'Trên đây là kết quả đánh giá của Hội đồng.',
					'Hội đồng kính báo cáo Chủ tịch UBND thành phố Đà Nẵng xem xét, quyết định./.'
				],
				recipients: t.recipients.report,
				signers: [{ authority: ['TM. Hội đồng'], title: 'Chủ tịch', name: 'Trần Văn Phước' }]
			});
			finish(doc);
			const items = await pdfItems(await toBuffer(doc));
			const sign = items.find((i) => i.text === 'TM. HỘI ĐỒNG')!;
			const name = items.find((i) => i.text === 'Trần Văn Phước')!;
			const lead = items.find((i) => i.text.startsWith('Hội đồng kính báo cáo'))!;
			const last = items.find((i) => i.text === '- Lưu: VT, HĐOCOP.')!;
			expect([name.page, lead.page, last.page], `fill ${fill}`).toEqual([
				sign.page,
				sign.page,
				sign.page
			]);
			if (sign.page > 1) broke++;
		}
		expect(broke).toBeGreaterThan(0); // some fills did push the block to a new page
	});

	it('carries at least two lines of the body with the signature to its page', () => {
		// A score sheet whose body ends ever nearer the page's end, one comment line at a time.
		const rubric = getRubric('qd26-2026', 7);
		const record = sealRecord(
			GENESIS_HASH,
			buildLockedBody({
				seq: 1,
				itemId: 'item',
				sittingId: 'sitting',
				councilId: 'council',
				dossierId: 'dossier',
				productName: 'Snack chuối Bana',
				productSetNo: 7,
				members: [0, 1, 1].map((rank, i) => ({
					id: `m${i}`,
					choices: choicesAtRank(rubric, rank)
				})),
				closedBy: 'm0',
				closedAt: at
			})
		);
		const card = record.cards[1];
		let moved = 0;
		return (async () => {
			for (let lines = 0; lines <= 44; lines++) {
				const pdf = await scoreSheetPdf(rubric, record, card, {
					template: t,
					organization: 'HTX Bana',
					memberName: 'Lê Thị Minh Nguyệt',
					memberTitle: 'Ủy viên',
					memberRole: 'member',
					productCode: null,
					comments: lines
						? Array.from({ length: lines }, (_, i) => `Ý kiến dòng ${i + 1}.`).join('\n')
						: null
				});
				const pages = pageText(pdf);
				const last = pages.length;
				const page = pages[last - 1].split('\n');
				const sign = page.findIndex((l) => l.trim() === 'NGƯỜI ĐÁNH GIÁ');
				expect(sign, `${lines} comment lines`).toBeGreaterThan(0);
				// Body lines above the signature, not counting the page number at the top.
				const body = page.slice(0, sign).filter((l) => l.trim() && !/^\s*\d+\s*$/.test(l));
				expect(body.length, `${lines} comment lines: ${body.join(' / ')}`).toBeGreaterThanOrEqual(
					2
				);
				if (!pages[last - 1].includes('TỔNG ĐIỂM')) moved++;
			}
			expect(moved).toBeGreaterThan(0); // some sheets did put the signature on a page of its own
		})();
	});
});
