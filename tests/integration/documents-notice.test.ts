// The notice of results (thông báo kết quả): the office's number from the register, the legal
// frame, the product's data, recipients and signer from the province's template; readable by the
// office, and by the producer only for its own product once published.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { dossiers, resultPublications } from '../../src/lib/server/db/schema';
import { reportDocument } from '../../src/lib/server/documents';
import { mayReadNotice, noticeDocument } from '../../src/lib/server/documents/notices';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText, pdfText, renderPage } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
let snack: LockedRecord;
let other: LockedRecord;
let reportDate: string;

beforeAll(async () => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	const four: [number, number] = [1, 0];
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [four, four, four, four],
		closedAt: ctx.now()
	});
	other = lockProduct(ctx.db, world, {
		key: 'tra',
		name: 'Trà thảo mộc Ngọc Linh',
		setNo: 7,
		ranks: [2, 2, 2, 2],
		closedAt: ctx.now() + 60_000
	});
	ctx.db
		.update(dossiers)
		.set({ commune: 'Xã Quế Sơn' })
		.where(eq(dossiers.id, 'dossier-snack'))
		.run();
	// 01/BC-HĐOCOP; the notice cites it with the date the report itself carries.
	const report = await reportDocument(renderer, ctx.db, snack.seq, { published: false });
	const [, d, m, y] = /Đà Nẵng, ngày (\d+) tháng (\d+) năm (\d{4})/.exec(pdfText(report!.pdf))!;
	reportDate = `ngày ${Number(d)} tháng ${Number(m)} năm ${y}`;
});

afterAll(() => ctx.cleanup());

describe('notice of results', () => {
	it('has the legal frame, the product data, recipients and signer from the template', async () => {
		const doc = (await noticeDocument(renderer, ctx.db, snack.seq, ctx.now()))!;
		expect(doc.number).toBe('01/TB-SNNMT');
		const t = pdfText(doc.pdf);
		const all = flatText(doc.pdf);
		expect(t).toContain('UBND THÀNH PHỐ ĐÀ NẴNG');
		// The issuing body wraps in its narrow column beside the national heading.
		expect(all).toMatch(/SỞ NÔNG NGHIỆP VÀ MÔI .*TRƯỜNG/);
		expect(t).toContain('Số: 01/TB-SNNMT');
		expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(t).toContain('Đà Nẵng, ngày 29 tháng 11 năm 2026');
		expect(t).toMatch(/\n\s*THÔNG BÁO\n/);
		expect(all).toContain('Căn cứ Quyết định số 26/2026/QĐ-TTg');
		expect(all).toContain(
			`Căn cứ Báo cáo số 01/BC-HĐOCOP ${reportDate} của Hội đồng đánh giá, phân hạng sản phẩm OCOP`
		);
		// Every basis by its number and date (DOCUMENTS.md).
		for (const basis of all.split(/(?=Căn cứ )/).slice(1))
			expect(basis.split(';')[0]).toMatch(/ số \S+ ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
		expect(all).toContain('Snack chuối Bana');
		// The commune part of the code comes from the dossier's commune and the template's list.
		expect(all).toContain('48-20500-001-2026');
		expect(all).toContain('HTX Snack chuối Bana');
		expect(all).toContain('Xã Quế Sơn');
		expect(all).toMatch(/Hạng sao 4 sao/);
		expect(all).toContain('Đạt, đề nghị công nhận');
		expect(t).toContain('Nơi nhận:');
		expect(t).toContain('- Chủ thể OCOP có sản phẩm;');
		expect(t).toContain('- Lưu: VT, PTNT.');
		for (const line of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Minh Hạnh (demo)'])
			expect(t).toContain(line);
		const page = renderPage(doc.pdf);
		expect(page.height / page.width).toBeCloseTo(297 / 210, 1); // A4 portrait
	});

	it('keeps its number when printed again and numbers the next notice 02', async () => {
		ctx.advance(86_400_000);
		const again = (await noticeDocument(renderer, ctx.db, snack.seq, ctx.now()))!;
		expect(again.number).toBe('01/TB-SNNMT');
		// Dated the day its number was issued, not the day it is printed again.
		expect(pdfText(again.pdf)).toContain('ngày 29 tháng 11 năm 2026');
		const next = (await noticeDocument(renderer, ctx.db, other.seq, ctx.now()))!;
		expect(next.number).toBe('02/TB-SNNMT');
		const all = flatText(next.pdf);
		expect(all).toContain('Trà thảo mộc Ngọc Linh');
		expect(all).toContain('Mã sản phẩm chưa cấp'); // no commune on its dossier: no code yet
		expect(await noticeDocument(renderer, ctx.db, 999_999, ctx.now())).toBeNull();
	});

	it('is read by the office, and by the producer only for its own published product', () => {
		const office = { id: world.officeId, role: 'office' as const };
		const owner = { id: 'p1', role: 'producer' as const, organizationId: 'org-snack' };
		const stranger = { id: 'p2', role: 'producer' as const, organizationId: 'org-tra' };
		const member = { id: world.memberIds[0], role: 'member' as const };
		expect(mayReadNotice(ctx.db, office, snack.seq)).toBe(true);
		expect(mayReadNotice(ctx.db, office, 999_999)).toBe(false);
		expect(mayReadNotice(ctx.db, null, snack.seq)).toBe(false);
		// Before publication the producer learns nothing, not even that a notice exists.
		expect(mayReadNotice(ctx.db, owner, snack.seq)).toBe(false);
		ctx.db
			.insert(resultPublications)
			.values({ seq: snack.seq, publishedAt: ctx.now(), publishedBy: world.officeId })
			.run();
		expect(mayReadNotice(ctx.db, owner, snack.seq)).toBe(true);
		expect(mayReadNotice(ctx.db, stranger, snack.seq)).toBe(false);
		expect(mayReadNotice(ctx.db, { ...owner, organizationId: null }, snack.seq)).toBe(false);
		expect(mayReadNotice(ctx.db, member, snack.seq)).toBe(false);
		expect(mayReadNotice(ctx.db, { id: 'c', role: 'commune' as const }, snack.seq)).toBe(false);
	});
});
