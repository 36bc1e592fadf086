// The province's documents: the recognition decision (number from the register, date, signer,
// annex of products) and the certificate (product code, 36 months, QR code to the public page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { councils, organizations, resultPublications } from '../../src/lib/server/db/schema';
import { reportDocument } from '../../src/lib/server/documents';
import { decisionNumber } from '../../src/lib/server/documents/decision-number';
import { certificateDocument, decisionDocument } from '../../src/lib/server/documents/official';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

/** This file's render pool, as server/main.ts makes the app's. */
const renderer = testRenderer();

let ctx: TestContext;
let world: World;
let snack: LockedRecord;
let top: LockedRecord;
let decisionId: string;
let number: string;
let reportDate: string;

/** The date in a document's heading ("Đà Nẵng, ngày 05 tháng 12 năm 2026") as a citation says it. */
function citedDate(t: string): string {
	const [, d, m, y] = /Đà Nẵng, ngày (\d+) tháng (\d+) năm (\d{4})/.exec(t)!;
	return `ngày ${Number(d)} tháng ${Number(m)} năm ${y}`;
}
const ORIGIN = 'https://ocop.example.vn';
const dir = mkdtempSync(join(tmpdir(), 'ocop-official-'));

function save(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	return file;
}
const text = (pdf: Buffer) =>
	execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', save(pdf), '-'], { encoding: 'utf8' });
const flat = (t: string) => t.replace(/\s+/g, ' ');

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
	top = lockProduct(ctx.db, world, {
		key: 'banh',
		name: 'Bánh dừa nướng Quý Thu',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		closedAt: ctx.now() + 60_000
	});
	ctx.db
		.update(organizations)
		.set({ commune: 'Xã Quế Sơn' })
		.where(eq(organizations.id, 'org-snack'))
		.run();
	// 01/BC-HĐOCOP; the decision cites it with the date the report itself carries.
	const report = await reportDocument(renderer, ctx.db, snack.seq, { published: false });
	reportDate = citedDate(text(report!.pdf));
	const council = ctx.db.select().from(councils).where(eq(councils.id, world.councilId)).get()!;
	number = decisionNumber(ctx.db, council, '', '2026-12-05', ctx.now())!;
	decisionId = recordDecision(
		ctx.db,
		{
			councilId: world.councilId,
			number,
			decidedOn: '2026-12-05',
			signer: 'Nguyễn Văn Thành',
			signerTitle: 'Phó Chủ tịch',
			items: [
				{ seq: snack.seq, certificateNo: 'GCN-2026-001' },
				{ seq: top.seq, certificateNo: '' }
			]
		},
		world.officeId,
		Date.parse('2026-12-05T03:00:00Z')
	);
});

afterAll(() => {
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('decision numbers', () => {
	it('come from the register, never twice, and typed numbers are kept out of it', () => {
		const council = { place: 'Đà Nẵng', authority: 'UBND thành phố Đà Nẵng' };
		expect(number).toBe('01/QĐ-UBND');
		expect(decisionNumber(ctx.db, council, '', '2026-12-06', 1)).toBe('02/QĐ-UBND');
		expect(decisionNumber(ctx.db, council, '1234/QĐ-UBND', '2026-12-07', 1)).toBe('1234/QĐ-UBND');
		expect(decisionNumber(ctx.db, council, '1234/QĐ-UBND', '2026-12-08', 1)).toBeNull();
		expect(decisionNumber(ctx.db, council, '02/QĐ-UBND', '2026-12-08', 1)).toBeNull();
		expect(decisionNumber(ctx.db, council, '', '2026-12-09', 1)).toBe('1235/QĐ-UBND');
		expect(decisionNumber(ctx.db, council, '', '2027-01-04', 1)).toBe('01/QĐ-UBND');
	});
});

describe('recognition decision', () => {
	it('has the legal frame, the articles, the signer and the annex', async () => {
		const doc = await decisionDocument(renderer, ctx.db, decisionId);
		const t = text(doc!.pdf);
		const all = flat(t);
		expect(t).toContain('ỦY BAN NHÂN DÂN');
		expect(t).toContain('Số: 01/QĐ-UBND');
		expect(t).toContain('Đà Nẵng, ngày 05 tháng 12 năm 2026');
		expect(t).toMatch(/\n\s*QUYẾT ĐỊNH\n/);
		expect(all).toContain(
			'Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;'
		);
		expect(all).toContain('Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026');
		// Each product's report, the second one although nobody has downloaded it yet: its
		// number is issued for the citation, so the decision's text never changes afterwards.
		expect(all).toContain(
			`tại Báo cáo số 01/BC-HĐOCOP ${reportDate}, Báo cáo số 02/BC-HĐOCOP ${reportDate} và của`
		);
		// Every basis by its number and date (DOCUMENTS.md).
		const bases = all.split(/(?=Căn cứ )/).slice(1);
		expect(bases.length).toBe(2);
		for (const basis of bases)
			expect(basis.split(';')[0]).toMatch(/ số \S+ ngày \d{1,2} tháng \d{1,2} năm \d{4}/);
		expect(all).toContain('Điều 1. Công nhận 1 sản phẩm đạt chuẩn OCOP');
		expect(all).toContain('36 tháng');
		expect(all).toContain('Phê duyệt 1 sản phẩm tiềm năng 5 sao');
		for (const line of ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])
			expect(t).toContain(line);
		expect(t).toContain('- Như Điều 4;'); // the article on who carries it out
		expect(t).toContain('Nguyễn Văn Thành');
		expect(t).toContain('- Lưu: VT, KT.');
		expect(all).toContain('DANH SÁCH SẢN PHẨM');
		expect(all).toContain('(Kèm theo Quyết định số 01/QĐ-UBND ngày 05/12/2026');
		expect(all).toContain('48-20500-001-2026');
		expect(all).toContain('GCN-2026-001');
		expect(all).toContain('04/12/2029');
		expect(all).toContain('tiềm năng 5 sao');
		expect(await decisionDocument(renderer, ctx.db, 'no-such-decision')).toBeNull();
	});
});

describe('certificate', () => {
	it('is public once published, with code, validity and a QR code to the public page', async () => {
		const opts = { published: true, origin: ORIGIN };
		expect(await certificateDocument(renderer, ctx.db, snack.seq, opts)).toBeNull();
		ctx.db
			.insert(resultPublications)
			.values({ seq: snack.seq, publishedAt: ctx.now(), publishedBy: world.officeId })
			.run();
		ctx.db
			.insert(resultPublications)
			.values({ seq: top.seq, publishedAt: ctx.now(), publishedBy: world.officeId })
			.run();
		// A forwarded 5★ candidate has no provincial certificate.
		expect(await certificateDocument(renderer, ctx.db, top.seq, opts)).toBeNull();
		const pdf = (await certificateDocument(renderer, ctx.db, snack.seq, opts))!;
		const all = flat(text(pdf));
		expect(all).toContain('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP');
		expect(all).toContain('Số: GCN-2026-001');
		expect(all).toContain('Snack chuối Bana');
		expect(all).toContain('Mã sản phẩm: 48-20500-001-2026');
		expect(all).toContain('hạng 4 sao');
		expect(all).toContain('Theo Quyết định số 01/QĐ-UBND ngày 05/12/2026');
		expect(all).toContain('có giá trị 36 tháng, đến hết ngày 04/12/2029');
		const url = `${ORIGIN}/results/${snack.seq}`;
		expect(all).toContain(`Tra cứu: ${url}`);
		// The same product keeps its running number on every document.
		const again = flat(text((await decisionDocument(renderer, ctx.db, decisionId))!.pdf));
		expect(again).toContain('48-20500-001-2026');
		const png = join(dir, 'cert');
		execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', save(pdf), png]);
		// zbarimg (zbar-tools, installed by npm run test:setup) reads the printed code back.
		const decoded = execFileSync('zbarimg', ['--raw', '-q', `${png}.png`], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
		expect(decoded).toBe(url);
	});
});
