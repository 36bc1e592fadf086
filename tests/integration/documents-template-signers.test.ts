// Who signs each document is the province's template, not code: the office changes a signer
// line and every document of that kind reads it back (pdftotext); each change is in the audit
// log with who made it and every field's value before and after.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, councils, resultPublications } from '../../src/lib/server/db/schema';
import { reportDocument } from '../../src/lib/server/documents';
import { decisionNumber } from '../../src/lib/server/documents/decision-number';
import { noticeDocument } from '../../src/lib/server/documents/notices';
import { certificateDocument, decisionDocument } from '../../src/lib/server/documents/official';
import { parseTemplate, templateValues } from '../../src/lib/server/documents/template-form';
import { updateTemplate } from '../../src/lib/server/documents/template-store';
import { templateFor } from '../../src/lib/server/documents/templates';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { pdfText, wordBoxes } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
let seq: number;
let decisionId: string;
const place = { place: 'Đà Nẵng', authority: 'UBND thành phố Đà Nẵng' };
const ORIGIN = 'https://ocop.example.vn';

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
	const council = ctx.db.select().from(councils).where(eq(councils.id, world.councilId)).get()!;
	decisionId = recordDecision(
		ctx.db,
		{
			councilId: world.councilId,
			number: decisionNumber(ctx.db, council, '', '2026-12-05', ctx.now())!,
			decidedOn: '2026-12-05',
			signer: 'Nguyễn Văn Thành',
			signerTitle: 'Phó Chủ tịch',
			items: [{ seq, certificateNo: 'GCN-2026-001' }]
		},
		world.officeId,
		Date.parse('2026-12-05T03:00:00Z')
	);
	ctx.db
		.insert(resultPublications)
		.values({ seq, publishedAt: ctx.now(), publishedBy: world.officeId })
		.run();
});
afterAll(() => ctx.cleanup());

/** The trimmed lines of a PDF's text: a signer line stands on its own line, beside Nơi nhận. */
const lines = (pdf: Buffer) =>
	pdfText(pdf)
		.split('\n')
		.flatMap((l) => l.split(/\s{3,}/))
		.map((l) => l.trim())
		.filter(Boolean);

const decisionPdf = async () => (await decisionDocument(renderer, ctx.db, decisionId))!.pdf;
const certificatePdf = async () =>
	(await certificateDocument(renderer, ctx.db, seq, { published: true, origin: ORIGIN }))!;
const letterPdf = (signerTitle = 'Phó Chủ tịch') =>
	renderer.render({
		kind: 'ministry-letter',
		input: {
			template: templateFor(ctx.db, place),
			number: '01/UBND-KT',
			date: '2026-12-06',
			signer: 'Nguyễn Văn Thành',
			signerTitle,
			rubricVersion: 'qd26-2026',
			lines: []
		}
	});

const CHANGES = {
	'signers.decision.authority': 'TM. Ủy ban nhân dân\nKT. Chủ tịch',
	'signers.decision.title': 'Phó Chủ tịch Thường trực',
	'signers.letter.authority': 'TL. CHỦ TỊCH',
	'signers.letter.title': 'Chánh Văn phòng',
	'signers.report.title': 'Phó Chủ tịch Hội đồng',
	'signers.report.name': 'Lê Thị Minh Nguyệt',
	'signers.notice.title': 'Phó Giám đốc Thường trực',
	'signers.notice.name': 'Hồ Văn Lâm'
};

describe('signers from the template', () => {
	it('decision, certificate, letter, report and notice print what the office saved', async () => {
		// Before: the demo template's lines.
		for (const pdf of [await decisionPdf(), await certificatePdf(), await letterPdf()]) {
			const l = lines(pdf);
			expect(l).toEqual(
				expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])
			);
			expect(l).not.toContain('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
		}

		const parsed = parseTemplate({ ...templateValues(templateFor(ctx.db, place)), ...CHANGES });
		updateTemplate(ctx.db, parsed.template!, world.officeId, ctx.now());

		for (const pdf of [await decisionPdf(), await certificatePdf()]) {
			const l = lines(pdf);
			expect(l).toEqual(
				expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC'])
			);
			expect(l).not.toContain('PHÓ CHỦ TỊCH');
			// The decision recorded who signed: the template gives the lines, not the person.
			expect(l).toContain('Nguyễn Văn Thành');
		}
		const letter = lines(await letterPdf());
		expect(letter).toEqual(expect.arrayContaining(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']));
		expect(letter).not.toContain('KT. CHỦ TỊCH');
		expect(letter).not.toContain('TM. ỦY BAN NHÂN DÂN');

		const report = lines((await reportDocument(renderer, ctx.db, seq, { published: false }))!.pdf);
		expect(report).toEqual(
			expect.arrayContaining(['TM. HỘI ĐỒNG', 'PHÓ CHỦ TỊCH HỘI ĐỒNG', 'Lê Thị Minh Nguyệt'])
		);
		const notice = lines((await noticeDocument(renderer, ctx.db, seq, ctx.now()))!.pdf);
		expect(notice).toEqual(
			expect.arrayContaining(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC THƯỜNG TRỰC', 'Hồ Văn Lâm'])
		);
	});

	it('the certificate is signed on the right, its QR code on the left (Nghị định 30/2020)', async () => {
		const { pageWidth, words } = wordBoxes(await certificatePdf());
		const left = (text: string) => words.find((w) => w.text === text)?.x ?? NaN;
		// The authority line "TM. ỦY BAN NHÂN DÂN" starts in the right half; "Tra cứu:" in the left.
		expect(left('TM.')).toBeGreaterThan(pageWidth / 2);
		expect(left('Tra')).toBeLessThan(pageWidth / 4);
	});

	it('the chair signing in person drops the "KT." line; the template’s other lines stay', async () => {
		const l = lines(await letterPdf('Chủ tịch'));
		expect(l).toContain('TL. CHỦ TỊCH'); // "TL." is not "KT.": kept as the template says
		const decisionByChair = await renderer.render({
			kind: 'decision',
			input: {
				template: templateFor(ctx.db, place),
				number: '02/QĐ-UBND',
				decidedOn: '2026-12-07',
				signer: 'Lê Trung Chinh',
				signerTitle: 'Chủ tịch',
				year: 2026,
				rubricVersion: 'qd26-2026',
				lines: []
			}
		});
		const d = lines(decisionByChair);
		expect(d).toEqual(
			expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Trung Chinh'])
		);
		expect(d).not.toContain('KT. CHỦ TỊCH');
		expect(d).not.toContain('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
	});
});

describe('who issues the decision follows its signature', () => {
	const render = (authority: string[]) => {
		const t = templateFor(ctx.db, place);
		const template = {
			...t,
			signers: { ...t.signers, decision: { authority, title: 'PHÓ CHỦ TỊCH', name: '' } }
		};
		const common = { template, decidedOn: '2026-12-05', signer: 'Nguyễn Văn Thành' };
		return Promise.all([
			renderer.render({
				kind: 'decision',
				input: {
					...common,
					number: '03/QĐ-UBND',
					signerTitle: 'Phó Chủ tịch',
					year: 2026,
					rubricVersion: 'qd26-2026',
					lines: [
						{
							productName: 'Snack chuối Bana',
							organization: 'HTX Snack chuối Bana',
							productCode: null,
							stars: 4,
							outcome: 'recognized' as const,
							certificateNo: 'GCN-2026-009',
							expiresOn: '2029-12-05',
							report: null
						}
					]
				}
			}),
			renderer.render({
				kind: 'certificate',
				input: {
					...common,
					certificateNo: 'GCN-2026-009',
					productName: 'Snack chuối Bana',
					productCode: null,
					organization: 'HTX Snack chuối Bana',
					stars: 4,
					decisionNumber: '03/QĐ-UBND',
					expiresOn: '2029-12-05',
					signerTitle: 'Phó Chủ tịch',
					url: `${ORIGIN}/results/1`
				}
			})
		]);
	};

	it('"TM. ỦY BAN NHÂN DÂN": the committee decides; without it, the chair', async () => {
		const [committee, committeeCert] = await render(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH']);
		const c = pdfText(committee).replace(/\s+/g, ' ');
		expect(lines(committee)).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG');
		expect(c).not.toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN');
		expect(c).toContain('ngày 05/12/2026 của Ủy ban nhân dân thành phố Đà Nẵng)');
		expect(pdfText(committeeCert)).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG CHỨNG NHẬN');
		expect(pdfText(committeeCert)).not.toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN');

		const [chair, chairCert] = await render(['KT. CHỦ TỊCH']);
		const h = pdfText(chair).replace(/\s+/g, ' ');
		expect(lines(chair)).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG');
		expect(lines(chair)).not.toContain('TM. ỦY BAN NHÂN DÂN');
		expect(h).toContain('của Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng)');
		expect(pdfText(chairCert)).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG CHỨNG NHẬN');
	});
});

describe('audit of template changes', () => {
	const entries = () =>
		ctx.db
			.select()
			.from(auditLog)
			.all()
			.filter((e) => e.action.startsWith('template.'));

	it('names who changed which fields, before and after', () => {
		const [entry] = entries();
		expect(entries()).toHaveLength(1);
		expect(entry.actorId).toBe(world.officeId);
		expect(entry.action).toBe('template.update');
		expect(entry.subject).toBe('template:Đà Nẵng');
		const changes = (entry.detail as { changes: { field: string }[] }).changes;
		// The decision's authority lines were typed in other case: stored in capitals, unchanged.
		const changed = Object.keys(CHANGES).filter((k) => k !== 'signers.decision.authority');
		expect(changes.map((c) => c.field).sort()).toEqual(changed.sort());
		expect(changes).toContainEqual({
			field: 'signers.decision.title',
			before: 'PHÓ CHỦ TỊCH',
			after: 'PHÓ CHỦ TỊCH THƯỜNG TRỰC'
		});
		expect(changes).toContainEqual({
			field: 'signers.notice.name',
			before: 'Trần Thị Minh Hạnh (demo)',
			after: 'Hồ Văn Lâm'
		});
	});

	it('writes nothing for a save that changes nothing, and marks a new province’s template', () => {
		const same = parseTemplate(templateValues(templateFor(ctx.db, place))).template!;
		ctx.advance(60_000);
		expect(updateTemplate(ctx.db, same, world.memberIds[0], ctx.now())).toEqual([]);
		expect(entries()).toHaveLength(1);

		const hue = parseTemplate({
			...templateValues(templateFor(ctx.db, place)),
			place: 'Huế',
			provinceName: 'thành phố Huế'
		}).template!;
		const changes = updateTemplate(ctx.db, hue, world.officeId, ctx.now());
		const created = entries().at(-1)!;
		expect(created.action).toBe('template.create');
		expect(created.subject).toBe('template:Huế');
		const detail = created.detail as { changes: { field: string; before: unknown }[] };
		expect(detail.changes).toEqual(changes);
		expect(detail.changes.every((c) => c.before === null)).toBe(true);
		expect(detail.changes).toContainEqual({ field: 'place', before: null, after: 'Huế' });
	});
});

describe('a decision that only forwards 5★ candidates', () => {
	it('approves and forwards them, and recognises nothing: no "Công nhận 0 sản phẩm"', async () => {
		const pdf = await renderer.render({
			kind: 'decision',
			input: {
				template: templateFor(ctx.db, place),
				number: '04/QĐ-UBND',
				decidedOn: '2026-12-05',
				signer: 'Nguyễn Văn Thành',
				signerTitle: 'Phó Chủ tịch',
				year: 2026,
				rubricVersion: 'qd26-2026',
				lines: [
					{
						productName: 'Trà sâm Ngọc Linh',
						organization: 'HTX Sâm Ngọc Linh',
						productCode: null,
						stars: 5,
						outcome: 'forwarded-central' as const,
						certificateNo: null,
						expiresOn: null,
						report: null
					}
				]
			}
		});
		const text = pdfText(pdf).replace(/\s+/g, ' ');
		expect(text).not.toMatch(/Công nhận 0 sản phẩm/);
		expect(text).toContain('Về việc phê duyệt sản phẩm OCOP tiềm năng 5 sao');
		expect(text).toContain('Điều 1. Phê duyệt 1 sản phẩm tiềm năng 5 sao');
		expect(text).toContain('Điều 2.');
		expect(text).not.toContain('Điều 3.');
	});
});
