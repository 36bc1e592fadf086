// Thông báo kết quả đánh giá, phân hạng sản phẩm OCOP: the OCOP office (`Số: 78/TB-SNNMT`)
// tells the producer and its commune the council's result for one product, and the office
// publishes it. Signed by the head of the office as the province's template says.

import { finish, closing, legalHeading } from './frame';
import { newPdf, paragraph, toBuffer } from './pdf';
import { decisionIssuer } from './signer-block';
import {
	citeReport,
	legalBasis,
	longDate,
	type Citation,
	type ProvinceTemplate
} from './templates';

export interface NoticeInput {
	template: ProvinceTemplate;
	/** "01/TB-SNNMT" from the register. */
	number: string;
	/** When the number was issued: the notice's date. */
	at: number;
	rubricVersion: string;
	productName: string;
	productCode: string | null;
	organization: string;
	commune: string | null;
	productSet: string;
	/** "82,67" */
	average: string;
	/** "4 sao", "tiềm năng 5 sao", "—" */
	stars: string;
	/** The council's conclusion, in the forms' words. */
	outcome: string;
	/** The council's report (number and date) when it has been issued. */
	report: Citation | null;
	decision: { number: string; decidedOn: string } | null;
	certificate: { no: string; expiresOn: string } | null;
}

const vnIso = (iso: string) => iso.split('-').reverse().join('/');

export function noticePdf(n: NoticeInput): Promise<Buffer> {
	const t = n.template;
	const doc = newPdf(`Thông báo kết quả - ${n.productName}`);
	legalHeading(doc, {
		parent: t.office.parent,
		body: t.office.name,
		number: n.number,
		place: t.place,
		at: n.at,
		title: 'Thông báo',
		subject: ['Kết quả đánh giá, phân hạng sản phẩm OCOP', `Sản phẩm: ${n.productName}`]
	});
	paragraph(doc, `Căn cứ ${legalBasis(n.rubricVersion)};`);
	if (n.report)
		paragraph(
			doc,
			`Căn cứ ${citeReport(n.report)} của Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName};`
		);
	if (n.decision)
		paragraph(
			doc,
			`Căn cứ Quyết định số ${n.decision.number} ${longDate(n.decision.decidedOn)} của ${decisionIssuer(t)};`
		);
	paragraph(doc, `${t.office.name} thông báo kết quả đánh giá, phân hạng sản phẩm OCOP như sau:`);
	const rows: string[][] = [
		['Tên sản phẩm', n.productName],
		['Mã sản phẩm', n.productCode ?? 'chưa cấp'],
		['Chủ thể OCOP', n.organization],
		['Địa bàn (xã)', n.commune ?? '—'],
		['Bộ sản phẩm', n.productSet],
		['Điểm trung bình', n.average === '—' ? '—' : `${n.average} điểm`],
		['Hạng sao', n.stars],
		['Kết quả', n.outcome]
	];
	if (n.certificate)
		rows.push([
			'Giấy chứng nhận',
			`Số ${n.certificate.no}, có giá trị đến hết ngày ${vnIso(n.certificate.expiresOn)}`
		]);
	closing(doc, {
		lead: [
			// The result table ends the body: it stays with the signature.
			{ table: { headers: ['Nội dung', 'Kết quả'], rows, fractions: [0.32, 0.68], size: 12 } },
			`${t.office.name} thông báo để ${n.organization}${n.commune ? `, Ủy ban nhân dân ${n.commune.replace(/^Xã /, 'xã ')}` : ''} và các cơ quan, đơn vị liên quan biết, thực hiện./.`
		],
		recipients: t.recipients.notice,
		signers: [t.signers.notice]
	});
	finish(doc);
	return toBuffer(doc);
}
