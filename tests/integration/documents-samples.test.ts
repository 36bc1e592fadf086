// Every kind of document the app issues, rendered from one small world and read back as a reader
// would (pdftotext for the words, pdftoppm for a drawn page). Also the sample script:
//   DOCUMENT_SAMPLES_DIR=samples npx vitest run tests/integration/documents-samples.test.ts
// writes each PDF into that folder for a person to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cardComments,
	communeReviews,
	councils,
	dossiers,
	organizations,
	resultPublications
} from '../../src/lib/server/db/schema';
import {
	minutesDocument,
	reportDocument,
	scoreSheetDocument
} from '../../src/lib/server/documents';
import { decisionNumber } from '../../src/lib/server/documents/decision-number';
import { filedFormDocument } from '../../src/lib/server/documents/filed-forms-data';
import { noticeDocument } from '../../src/lib/server/documents/notices';
import { certificateDocument, decisionDocument } from '../../src/lib/server/documents/official';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { templateFor } from '../../src/lib/server/documents/templates';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText, pdfText, renderPage } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
let seq: number;
let decisionId: string;
const out = process.env.DOCUMENT_SAMPLES_DIR;

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	const four: [number, number] = [1, 0];
	seq = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [four, four, four, four],
		closedAt: ctx.now()
	}).seq;
	ctx.db
		.update(organizations)
		.set({ representative: 'Phạm Thị Hoa', province: 'Đà Nẵng' })
		.where(eq(organizations.id, 'org-snack'))
		.run();
	ctx.db
		.update(dossiers)
		.set({ commune: 'Xã Quế Sơn', submittedAt: ctx.now() })
		.where(eq(dossiers.id, 'dossier-snack'))
		.run();
	ctx.db
		.insert(communeReviews)
		.values({
			dossierId: 'dossier-snack',
			rawMaterial: 'Chuối địa phương',
			labour: 'Lao động của thôn',
			ideaOrigin: 'Hợp tác xã',
			identity: 'Chuối bản địa',
			proposal: 'Chuyển tỉnh',
			decision: 'forward',
			updatedAt: ctx.now()
		})
		.run();
	ctx.db
		.insert(cardComments)
		.values({
			itemId: 'item-snack',
			userId: world.memberIds[0],
			text: 'Đề nghị bổ sung truy xuất nguồn gốc.',
			updatedAt: 1
		})
		.run();
	ctx.db
		.insert(resultPublications)
		.values({ seq, publishedAt: ctx.now(), publishedBy: world.officeId })
		.run();
	if (out) mkdirSync(out, { recursive: true });
});

afterAll(() => ctx.cleanup());

const ORIGIN = 'https://ocop.example.vn';

/** Each document with what its reader must find in it: number, recipients, signer, product. */
const KINDS: [string, () => Promise<Buffer>, (string | RegExp)[]][] = [
	[
		'bao-cao',
		async () => (await reportDocument(renderer, ctx.db, seq, { published: false }))!.pdf,
		['Số: 01/BC-HĐOCOP', 'Nơi nhận:', 'TM. HỘI ĐỒNG', 'Trần Văn Phước', 'Snack chuối Bana']
	],
	[
		'bien-ban',
		async () => (await minutesDocument(renderer, ctx.db, world.sittingId, ctx.now()))!,
		['Số: 01/BB-HĐOCOP', 'Nơi nhận:', 'CHỦ TỌA', 'Snack chuối Bana']
	],
	[
		'phieu-danh-gia',
		async () => (await scoreSheetDocument(renderer, ctx.db, seq, world.memberIds[0]))!,
		['Mã sản phẩm: 48-20500-001-2026', 'Đề nghị bổ sung truy xuất nguồn gốc.', 'Trần Văn Phước']
	],
	[
		'quyet-dinh',
		async () => (await decisionDocument(renderer, ctx.db, decisionId, ctx.now()))!.pdf,
		['Số: 01/QĐ-UBND', 'Nơi nhận:', 'KT. CHỦ TỊCH', 'Nguyễn Văn Thành', '48-20500-001-2026']
	],
	[
		'giay-chung-nhan',
		async () =>
			(await certificateDocument(renderer, ctx.db, seq, { published: true, origin: ORIGIN }))!,
		[
			'Số: GCN-2026-001',
			'Mã sản phẩm: 48-20500-001-2026',
			// Signed as the decision, from the template: all three authority lines.
			'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
			'Nguyễn Văn Thành'
		]
	],
	[
		'thong-bao',
		async () => (await noticeDocument(renderer, ctx.db, seq, ctx.now()))!.pdf,
		['Số: 01/TB-SNNMT', 'Nơi nhận:', 'PHÓ GIÁM ĐỐC', '48-20500-001-2026', 'Snack chuối Bana']
	],
	[
		// The letter forwarding 5★ candidates to the Ministry (the Ministry package carries it).
		'cong-van',
		async () => {
			const council = ctx.db.select().from(councils).where(eq(councils.id, world.councilId)).get()!;
			return renderer.render({
				kind: 'ministry-letter',
				input: {
					template: templateFor(ctx.db, council),
					number: '01/UBND-KT',
					date: '2026-12-06',
					signer: 'Nguyễn Văn Thành',
					signerTitle: 'Phó Chủ tịch',
					rubricVersion: 'qd26-2026',
					lines: [
						{
							productName: 'Snack chuối Bana',
							organization: 'HTX Snack chuối Bana',
							productCode: '48-20500-001-2026',
							average: '92,50',
							report: { number: '01/BC-HĐOCOP', on: '2026-11-20' },
							seq,
							hash: 'ab'.repeat(32)
						}
					]
				}
			});
		},
		[
			'Số: 01/UBND-KT',
			'Kính gửi',
			'Bộ Nông nghiệp và Môi trường',
			'Nơi nhận:',
			'Snack chuối Bana',
			// Codes in the table never break inside.
			'48-20500-001-2026',
			' abababababab… '
		]
	],
	[
		'mau-01',
		async () => (await filedFormDocument(renderer, ctx.db, 'dossier-snack', '01'))!,
		['PHIẾU ĐĂNG KÝ', '(Mẫu 01)', 'Phạm Thị Hoa', 'Snack chuối Bana']
	],
	[
		'mau-02',
		async () => (await filedFormDocument(renderer, ctx.db, 'dossier-snack', '02'))!,
		['BÁO CÁO TỰ ĐÁNH GIÁ', '(Mẫu 02', 'Phạm Thị Hoa', 'Snack chuối Bana']
	],
	[
		'mau-03',
		async () => (await filedFormDocument(renderer, ctx.db, 'dossier-snack', '03'))!,
		[
			'(Mẫu 03)',
			'Chuối bản địa',
			// The commune's own number (left to fill), its own place name, its chair, its recipients.
			'Số: ……/BC-UBND',
			'Quế Sơn, ngày',
			/TM\. ỦY BAN NHÂN DÂN .*CHỦ TỊCH/,
			'- HTX Snack chuối Bana;',
			'- Lưu: VT.',
			'Snack chuối Bana'
		]
	]
];

/**
 * The documents without a register number and recipients: a person's own forms, and the
 * certificate (its number is the certificate register's, checked above; it goes to its holder).
 */
const NO_RECIPIENTS = new Set(['phieu-danh-gia', 'mau-01', 'mau-02', 'giay-chung-nhan']);

/**
 * What DOCUMENTS.md asks of every document, checked on the text a reader gets: place and date
 * (leading zero for days under 10 and for months 1 and 2 only), a number and symbol, `Nơi nhận`
 * ending with the archive line, page numbers at the top from page 2 and none on page 1.
 */
function legalForm(name: string, text: string) {
	const flat = text.replace(/\s+/g, ' ');
	expect(flat, name).toMatch(
		/[\p{L} ]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm 20\d\d/u
	);
	const pages = text.split('\f').filter((p) => p.trim());
	const firstLine = (p: string) => p.trim().split('\n')[0].trim();
	expect(firstLine(pages[0]), name).not.toMatch(/^\d+$/);
	pages.slice(1).forEach((p, i) => expect(firstLine(p), name).toBe(String(i + 2)));
	if (NO_RECIPIENTS.has(name)) return;
	expect(flat, name).toMatch(/Số: (\d{2,}|……)\/[\p{Lu}0-9-]+/u);
	expect(flat, name).toContain('Nơi nhận:');
	expect(flat, name).toMatch(/- Lưu: [^;]*\./);
}

describe('every document kind', () => {
	// The first render loads the fonts into a worker: slow on a busy machine.
	it(
		'is issued in order: report, then the decision that cites it',
		{ timeout: 120_000 },
		async () => {
			await reportDocument(renderer, ctx.db, seq, { published: false });
			const council = ctx.db.select().from(councils).where(eq(councils.id, world.councilId)).get()!;
			const number = decisionNumber(ctx.db, council, '', '2026-12-05', ctx.now())!;
			decisionId = recordDecision(
				ctx.db,
				{
					councilId: world.councilId,
					number,
					decidedOn: '2026-12-05',
					signer: 'Nguyễn Văn Thành',
					signerTitle: 'Phó Chủ tịch',
					items: [{ seq, certificateNo: 'GCN-2026-001' }]
				},
				world.officeId,
				Date.parse('2026-12-05T03:00:00Z')
			);
			expect(number).toBe('01/QĐ-UBND');
		}
	);

	it.each(KINDS)(
		'%s renders, reads back and carries its legal elements',
		async (name, make, want) => {
			const pdf = await make();
			if (out) writeFileSync(join(out, `${name}.pdf`), pdf);
			const all = flatText(pdf);
			legalForm(name, pdfText(pdf));
			for (const w of want)
				if (typeof w === 'string') expect(all, name).toContain(w);
				else expect(all, name).toMatch(w);
			const page = renderPage(pdf);
			expect(Math.min(page.width, page.height)).toBeGreaterThan(350); // A4 at 50 dpi: 413 × 585
		}
	);
});
