// Quyết định công nhận sản phẩm đạt chuẩn OCOP: issued by the province's people's committee
// (`Số: 1234/QĐ-UBND`), signed as the province's template says (in Đà Nẵng "TM. ỦY BAN NHÂN
// DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), with the annex listing the products, their codes, stars and
// certificates.

import { closing, finish, legalHeading } from './frame';
import {
	ensureRoom,
	newPdf,
	paragraph,
	section,
	table,
	toBuffer,
	use,
	width,
	write,
	MARGIN
} from './pdf';
import { decisionIssuer, signerBlock } from './signer-block';
import {
	citeReport,
	legalBasis,
	localGovernmentLaw,
	type Citation,
	type ProvinceTemplate
} from './templates';

export interface DecisionLine {
	productName: string;
	organization: string;
	productCode: string | null;
	stars: number;
	outcome: 'recognized' | 'forwarded-central';
	certificateNo: string | null;
	expiresOn: string | null;
	/** The council's report (number and date) from the register, when one was issued. */
	report: Citation | null;
	/**
	 * The product's certificate in force that this recognition replaces (a re-evaluation or an
	 * upgrade, certificates/replacement.ts): the decision says it ends, by number and decision.
	 */
	replaces?: { certificateNo: string; decisionNumber: string; decidedOn: string } | null;
}

export interface DecisionInput {
	template: ProvinceTemplate;
	number: string;
	/** ISO date of signature. */
	decidedOn: string;
	signer: string;
	signerTitle: string;
	year: number;
	rubricVersion: string;
	lines: DecisionLine[];
}

const vnIso = (iso: string) => iso.split('-').reverse().join('/');

const ROMAN = ['I', 'II', 'III'];

/** "Báo cáo số 01/BC-HĐOCOP ngày 5 tháng 2 năm 2026, Báo cáo số 02/…", each report once. */
export function citedReports(reports: (Citation | null)[]): string {
	const seen = new Map<string, Citation>();
	for (const r of reports) if (r) seen.set(r.number, r);
	return [...seen.values()].map(citeReport).join(', ');
}
/** Noon in Việt Nam of an ISO date, for the heading's "ngày … tháng … năm …". */
export const isoNoon = (iso: string) => Date.parse(`${iso}T05:00:00Z`);

export function decisionPdf(d: DecisionInput): Promise<Buffer> {
	const t = d.template;
	const doc = newPdf(`Quyết định ${d.number}`);
	const recognized = d.lines.filter((l) => l.outcome === 'recognized');
	const forwarded = d.lines.filter((l) => l.outcome === 'forwarded-central');
	legalHeading(doc, {
		parent: t.ubnd.parent,
		body: t.ubnd.name,
		number: d.number,
		place: t.place,
		at: isoNoon(d.decidedOn),
		title: 'Quyết định',
		subject: [
			recognized.length || !forwarded.length
				? `Về việc công nhận sản phẩm đạt chuẩn OCOP ${t.provinceName} năm ${d.year}`
				: `Về việc phê duyệt sản phẩm OCOP tiềm năng 5 sao ${t.provinceName} năm ${d.year}`
		]
	});
	use(doc, 'bold', 14);
	write(doc, decisionIssuer(t).toLocaleUpperCase('vi'), MARGIN.left, doc.y, {
		width: width(doc),
		align: 'center'
	});
	doc.y += 8;
	// Every basis by its number and date (Nghị định 30/2020), as is every report answered.
	paragraph(doc, `Căn cứ ${localGovernmentLaw()};`);
	paragraph(doc, `Căn cứ ${legalBasis(d.rubricVersion)};`);
	const reports = citedReports(d.lines.map((l) => l.report));
	paragraph(
		doc,
		`Xét đề nghị của Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName}${reports ? ` tại ${reports}` : ''} và của ${t.office.name}.`
	);
	use(doc, 'bold', 14);
	ensureRoom(doc, 60);
	write(doc, 'QUYẾT ĐỊNH:', MARGIN.left, doc.y + 4, { width: width(doc), align: 'center' });
	doc.y += 6;
	// A decision that only forwards 5★ candidates recognises nothing: no "Công nhận 0 sản phẩm".
	const articles: string[] = [];
	if (recognized.length || !forwarded.length)
		articles.push(
			`Điều 1. Công nhận ${recognized.length} sản phẩm đạt chuẩn OCOP ${t.provinceName} năm ${d.year} (có danh sách kèm theo).`
		);
	if (recognized.length)
		articles.push(
			`Điều ${articles.length + 1}. Giấy chứng nhận sản phẩm OCOP có giá trị 36 tháng kể từ ngày ký Quyết định này. Chủ thể OCOP có trách nhiệm duy trì, nâng cao chất lượng sản phẩm và sử dụng biểu trưng OCOP đúng quy định.`
		);
	// A recognition that replaces a certificate in force says so, each by its number and the
	// decision that granted it: the old certificate ends on this decision's date.
	const replacing = recognized.filter((l) => l.replaces);
	if (replacing.length)
		articles.push(
			`Điều ${articles.length + 1}. Kể từ ngày ký Quyết định này, ${replacing
				.map(
					(l) =>
						`Giấy chứng nhận số ${l.replaces!.certificateNo} (cấp theo Quyết định số ${l.replaces!.decisionNumber} ngày ${vnIso(l.replaces!.decidedOn)}) của sản phẩm ${l.productName}`
				)
				.join('; ')} hết hiệu lực và được thay thế bằng Giấy chứng nhận cấp theo Quyết định này.`
		);
	if (forwarded.length)
		articles.push(
			`Điều ${articles.length + 1}. Phê duyệt ${forwarded.length} sản phẩm tiềm năng 5 sao và đề nghị Bộ Nông nghiệp và Môi trường đánh giá, công nhận sản phẩm OCOP 5 sao (có danh sách kèm theo).`
		);
	const article = articles.length + 1;
	const last = `Điều ${article}. Chánh Văn phòng Ủy ban nhân dân ${t.provinceName}, Giám đốc ${t.office.name}, Chủ tịch Ủy ban nhân dân các xã, phường có sản phẩm và các chủ thể OCOP có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`;
	// The last two articles go with the signature; any before them are drawn here.
	const kept = articles.pop()!;
	for (const a of articles) paragraph(doc, a);
	closing(doc, {
		lead: [kept, last],
		// "Như Điều N" names the article on who carries the decision out, whatever its number.
		recipients: t.recipients.decision.map((r) =>
			r.replace(/^Như Điều \d+$/, `Như Điều ${article}`)
		),
		signers: [signerBlock(t.signers.decision, { name: d.signer, title: d.signerTitle })]
	});

	doc.addPage();
	doc.y = MARGIN.top;
	use(doc, 'bold', 13);
	write(doc, 'DANH SÁCH SẢN PHẨM', MARGIN.left, doc.y, { width: width(doc), align: 'center' });
	use(doc, 'italic', 13);
	write(
		doc,
		`(Kèm theo Quyết định số ${d.number} ngày ${vnIso(d.decidedOn)} của ${decisionIssuer(t)})`,
		MARGIN.left,
		doc.y,
		{
			width: width(doc),
			align: 'center'
		}
	);
	doc.y += 10;
	const rows = (list: DecisionLine[]) =>
		list.map((l, i) => [
			String(i + 1),
			l.productName,
			l.productCode ?? 'chưa cấp',
			l.organization,
			l.outcome === 'forwarded-central' ? 'tiềm năng 5 sao' : `${l.stars} sao`,
			l.certificateNo ?? '—',
			l.expiresOn ? vnIso(l.expiresOn) : '—'
		]);
	const headers = [
		'TT',
		'Tên sản phẩm',
		'Mã sản phẩm',
		'Chủ thể OCOP',
		'Hạng',
		'Số GCN',
		'Hiệu lực đến'
	];
	const widths = [0.05, 0.19, 0.2, 0.18, 0.1, 0.14, 0.14];
	// The annex's parts are numbered as they stand: a decision that only forwards 5★ candidates
	// has one part, "I.", not a "II." after nothing.
	const parts = [
		{ title: 'SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT CHUẨN OCOP', lines: recognized },
		{ title: 'SẢN PHẨM TIỀM NĂNG 5 SAO ĐỀ NGHỊ TRUNG ƯƠNG ĐÁNH GIÁ', lines: forwarded }
	].filter((p) => p.lines.length > 0);
	for (const [i, part] of parts.entries()) {
		section(doc, `${ROMAN[i]}. ${part.title}`);
		table(doc, headers, rows(part.lines), widths, 8.5);
	}
	finish(doc);
	return toBuffer(doc);
}
