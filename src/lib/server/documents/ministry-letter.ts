// Công văn đề nghị Bộ công nhận sản phẩm OCOP 5 sao: the province's people's committee forwards
// its council's 5★ candidates to the Ministry (RULES step 5). A letter has no title and no type
// abbreviation (`Số: 90/UBND-KT`); its subject stands under the number ("V/v …"); it is signed as
// the template's letter signer says (in Đà Nẵng as the recognition decision is).

import { citedReports, isoNoon } from './decision';
import { closing, finish, legalHeading } from './frame';
import { newPdf, paragraph, table, toBuffer } from './pdf';
import { signerBlock } from './signer-block';
import { legalBasis, type Citation, type ProvinceTemplate } from './templates';

/** The Ministry that recognises 5★ products (QĐ 26/2026/QĐ-TTg): the same for every province. */
export const MINISTRY = 'Bộ Nông nghiệp và Môi trường';
/** The drafting unit's part of the letter's symbol (`KT` in `90/UBND-KT`). */
export const LETTER_UNIT = 'KT';

export interface MinistryLetterLine {
	productName: string;
	organization: string;
	productCode: string | null;
	/** "92,50" */
	average: string;
	/** The council's report (number and date), when it has been issued. */
	report: Citation | null;
	/** The province council's locked result: seq and hash, so the Ministry can check it. */
	seq: number;
	hash: string;
}

export interface MinistryLetterInput {
	template: ProvinceTemplate;
	number: string;
	/** ISO date of signature. */
	date: string;
	signer: string;
	signerTitle: string;
	rubricVersion: string;
	lines: MinistryLetterLine[];
}

export function ministryLetterPdf(d: MinistryLetterInput): Promise<Buffer> {
	const t = d.template;
	const doc = newPdf(`Công văn ${d.number}`);
	legalHeading(doc, {
		parent: t.ubnd.parent,
		body: t.ubnd.name,
		number: d.number,
		summary: 'V/v đề nghị công nhận sản phẩm OCOP 5 sao',
		place: t.place,
		at: isoNoon(d.date),
		title: '',
		to: MINISTRY
	});
	const reports = citedReports(d.lines.map((l) => l.report));
	paragraph(
		doc,
		`Căn cứ ${legalBasis(d.rubricVersion)}; xét kết quả đánh giá, phân hạng của Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName}${reports ? ` tại ${reports}` : ''}, Ủy ban nhân dân ${t.provinceName} đề nghị ${MINISTRY} xem xét, tổ chức đánh giá và công nhận ${d.lines.length} sản phẩm OCOP tiềm năng 5 sao sau:`
	);
	table(
		doc,
		['TT', 'Tên sản phẩm', 'Chủ thể OCOP', 'Mã sản phẩm', 'Điểm', 'Kết quả khóa (mã băm)'],
		d.lines.map((l, i) => [
			String(i + 1),
			l.productName,
			l.organization,
			l.productCode ?? 'chưa cấp',
			l.average,
			`#${l.seq} ${l.hash.slice(0, 12)}…`
		]),
		// Wide enough that a product code and the hash never break inside.
		[0.06, 0.22, 0.22, 0.22, 0.09, 0.19],
		9
	);
	closing(doc, {
		lead: [
			'Hồ sơ sản phẩm, báo cáo tự đánh giá, báo cáo của UBND cấp xã và kết quả chấm điểm đã khóa của Hội đồng cấp tỉnh (có chữ ký số, kiểm tra được bằng lệnh ocop verify) được gửi kèm theo Công văn này trong cùng gói hồ sơ điện tử.',
			`Ủy ban nhân dân ${t.provinceName} kính đề nghị ${MINISTRY} xem xét, công nhận./.`
		],
		recipients: t.recipients.letter,
		signers: [signerBlock(t.signers.letter, { name: d.signer, title: d.signerTitle })]
	});
	finish(doc);
	return toBuffer(doc);
}
