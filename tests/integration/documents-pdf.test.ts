// The generated PDFs read back with pdftotext: Vietnamese intact (fonts embedded) and the figures
// of the locked records.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import {
	minutesDocument,
	reportDocument,
	scoreSheetDocument
} from '../../src/lib/server/documents';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

/** This file's render pool, as server/main.ts makes the app's. */
const renderer = testRenderer();

let ctx: TestContext;
let world: World;
let snack: LockedRecord;
let capped: LockedRecord;
const dir = mkdtempSync(join(tmpdir(), 'ocop-pdf-'));

function text(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

function fonts(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		organization: 'HTX Nông nghiệp xanh Đất Quảng',
		setNo: 7,
		ranks: [
			[1, 0],
			[1, 0],
			[1, 0],
			[1, 0]
		],
		publish: true,
		closedAt: ctx.now()
	});
	capped = lockProduct(ctx.db, world, {
		key: 'banh',
		name: 'Bánh dừa nướng Quý Thu',
		setNo: 6,
		ranks: [0.5, 0.5, 0.5, 0.5],
		closedAt: ctx.now() + 600_000
	});
});

afterAll(() => {
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('evaluation report', () => {
	it('has the administrative heading, the figures and why this star, with fonts embedded', async () => {
		const doc = await reportDocument(renderer, ctx.db, snack.seq, { published: true });
		const t = text(doc!.pdf);
		expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(t).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(t).toContain('UBND THÀNH PHỐ ĐÀ NẴNG');
		expect(t).toContain('Đà Nẵng, ngày 29 tháng 11 năm 2026');
		expect(t).toContain('HỘI ĐỒNG ĐÁNH GIÁ, PHÂN');
		expect(t).toMatch(/\n\s*BÁO CÁO\n/);
		expect(t).toContain('Kết quả đánh giá, phân hạng sản phẩm OCOP: Snack chuối Bana');
		expect(t).toContain('Kính gửi: Chủ tịch UBND thành phố Đà Nẵng');
		expect(doc!.number).toMatch(/^\d{2}\/BC-HĐOCOP$/);
		expect(t).toContain(`Số: ${doc!.number}`);
		const flat = t.replace(/\s+/g, ' ');
		expect(flat).toContain(
			'Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ'
		);
		expect(flat).not.toMatch(/qd26-2026|khóa số|mã băm/);
		expect(t).toContain('TM. HỘI ĐỒNG');
		expect(t).toMatch(/TM\. HỘI ĐỒNG\s*\n\s*.*CHỦ TỊCH/);
		expect(t).toContain('Nơi nhận:');
		expect(t).toContain('- Lưu: VT, HĐOCOP.');
		expect(t).toContain('Snack chuối Bana');
		expect(t).toContain('HTX Nông nghiệp xanh Đất Quảng');
		expect(t).toContain(
			`Điểm trung bình: ${snack.result.average!.toFixed(2).replace('.', ',')} điểm`
		);
		expect(t).toContain('Hạng sao: 4 sao.');
		expect(t).toContain('khung 4 sao');
		expect(t).toContain('Thành viên 1');
		expect(t).not.toContain('Lê Thị Minh Nguyệt'); // names are not published by this council
		expect(t).toContain('Trần Văn Phước'); // the chair signs
		// Page numbers start on the second page, alone at its top.
		const pages = t.split('\f');
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0].trim().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
		expect(pages[1].trim().split('\n')[0].trim()).toBe('2');
		const f = fonts(doc!.pdf);
		expect(f).toMatch(/NotoSerif.*TrueType.*yes/);
		expect(f).not.toMatch(/Helvetica/);
	});

	it('says when the star minimums capped the rank', async () => {
		expect(await reportDocument(renderer, ctx.db, capped.seq, { published: true })).toBeNull();
		const doc = await reportDocument(renderer, ctx.db, capped.seq, { published: false });
		const t = text(doc!.pdf).replace(/\s+/g, ' ');
		expect(capped.result.explanation.cappedBy).toBe('floor');
		expect(t).toContain(
			`Hạng sao là mức thấp hơn giữa khung điểm (${capped.result.band} sao) và yêu cầu tối thiểu theo dấu sao (${capped.result.floor} sao): ${capped.result.stars} sao`
		);
		expect(t).not.toContain('min(');
		expect(t).toContain('giới hạn bởi yêu cầu tối thiểu theo dấu sao');
	});
});

describe('score sheet', () => {
	it("lists the member's ticks, totals and signature", async () => {
		const pdf = await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[1]);
		const t = text(pdf!);
		expect(t).toContain('PHIẾU ĐÁNH GIÁ, CHẤM ĐIỂM SẢN PHẨM OCOP');
		expect(t).toContain('Lê Thị Minh Nguyệt');
		const mine = snack.result.members[1];
		expect(t.replace(/\s+/g, ' ')).toContain(
			`Tổng điểm: ${String(mine.total).replace('.', ',')} điểm`
		);
		expect(t).toContain('NGƯỜI ĐÁNH GIÁ');
		expect(t).not.toContain('Số:');
		expect(t).not.toMatch(/khóa số/);
		expect(await scoreSheetDocument(renderer, ctx.db, snack.seq, 'nobody')).toBeNull();
	});
});

describe('minutes', () => {
	it('records attendance, quorum, agenda, results and close times', async () => {
		const pdf = await minutesDocument(renderer, ctx.db, world.sittingId);
		const t = text(pdf!);
		expect(t).toMatch(/\n\s*BIÊN BẢN\n/);
		expect(t).toMatch(/Số: \d{2}\/BB-HĐOCOP/);
		expect(t.replace(/\s+/g, ' ')).not.toMatch(/khóa số|mã băm/);
		expect(t).toContain('Túc số: 4/4');
		for (const name of world.memberNames) expect(t).toContain(name);
		expect(t).toContain('Bánh dừa nướng Quý Thu');
		expect(t).toContain('4 sao');
		expect(t).toContain('08 giờ 00 ngày 29/11/2026'); // first close, in Việt Nam time
		expect(t).toContain('08 giờ 10 ngày 29/11/2026');
		expect(t).toMatch(/THƯ KÝ\s+CHỦ TỌA/);
		expect(t).not.toContain('TM.'); // minutes are signed in person, not on behalf of the body
		expect(t).toContain('Phiên họp kết thúc lúc');
	});
});
