// Báo cáo kết quả đánh giá, phân hạng sản phẩm OCOP: one product, from its locked record, issued
// by the council (`Số: 05/BC-HĐOCOP`) to the chair of the province's people's committee and
// signed "TM. HỘI ĐỒNG / CHỦ TỊCH".

import { outcomeOf, type Stars } from '../../domain/rating';
import type { ResultDetail } from '../results/detail';
import { closing, finish, legalHeading } from './frame';
import { avg, newPdf, num, paragraph, section, table, toBuffer, vnTime } from './pdf';
import { legalBasis, type ProvinceTemplate } from './templates';
import { BLOCKED_VI, outcomeLine, starsLine, whyThisStarVi } from './words';

export interface ReportFrame {
	template: ProvinceTemplate;
	number: string;
	chair: string;
}

export function evaluationReportPdf(d: ResultDetail, f: ReportFrame, at: number): Promise<Buffer> {
	const t = f.template;
	const doc = newPdf(`Báo cáo kết quả đánh giá - ${d.productName}`);
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: f.number,
		place: t.place,
		at,
		title: 'Báo cáo',
		subject: [`Kết quả đánh giá, phân hạng sản phẩm OCOP: ${d.productName}`],
		to: t.reportTo
	});
	paragraph(doc, `Căn cứ ${legalBasis(d.rubricVersion)};`);
	paragraph(
		doc,
		`Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName} báo cáo kết quả đánh giá, phân hạng sản phẩm như sau:`
	);
	section(doc, 'I. THÔNG TIN SẢN PHẨM');
	paragraph(doc, `Tên sản phẩm: ${d.productName}.`);
	paragraph(doc, `Chủ thể OCOP: ${d.organization}.`);
	paragraph(doc, `Bộ sản phẩm số ${d.productSetNo}: ${d.productSetName}.`);
	paragraph(
		doc,
		`${d.roundName}; ${d.sittingTitle}; kết thúc chấm điểm lúc ${vnTime(d.closedAt)}.`
	);
	section(doc, 'II. ĐIỂM CỦA CÁC THÀNH VIÊN HỘI ĐỒNG');
	table(
		doc,
		['Thành viên', 'Phần A', 'Phần B', 'Phần C', 'Tổng điểm'],
		d.members.map((m) =>
			m.recused
				? [m.label, '—', '—', '—', 'Không tham gia chấm (xung đột lợi ích)']
				: [m.label, num(m.parts.A), num(m.parts.B), num(m.parts.C), num(m.total)]
		),
		[0.4, 0.13, 0.13, 0.13, 0.21]
	);
	section(doc, 'III. KẾT QUẢ');
	paragraph(
		doc,
		`Điểm trung bình: ${avg(d.average)} điểm (Phần A: ${avg(d.parts.A)}; Phần B: ${avg(d.parts.B)}; Phần C: ${avg(d.parts.C)}).`
	);
	paragraph(doc, `Độ chênh lệch điểm: ${num(d.spread)} điểm.`);
	paragraph(doc, `Hạng sao: ${starsLine(d.stars, d.level)}.`, { style: 'bold' });
	for (const line of whyThisStarVi(d)) paragraph(doc, line);
	if (d.blocked && !d.override) paragraph(doc, `Lưu ý: ${BLOCKED_VI[d.blocked] ?? d.blocked}.`);
	if (d.override)
		paragraph(
			doc,
			`Chủ tịch Hội đồng kết thúc chấm điểm dù ${BLOCKED_VI[d.override.blocked] ?? d.override.blocked}. Lý do: ${d.override.reason}`
		);
	// As on the decisions page: an override keeps the computed stars and rule 8 gives the outcome.
	const outcome =
		d.outcome ?? (d.override && d.stars ? outcomeOf(d.level, d.stars as Stars) : null);
	paragraph(doc, `Kết luận: ${outcomeLine(outcome, d.blocked)}.`, { style: 'bold' });
	section(doc, 'IV. ĐIỂM TRUNG BÌNH THEO TIÊU CHÍ');
	table(
		doc,
		['Mã', 'Tiêu chí', 'Tối đa', 'Trung bình'],
		d.criteria.map((c) => [c.code, c.label, num(c.max), avg(c.average)]),
		[0.1, 0.62, 0.12, 0.16],
		9
	);
	closing(doc, {
		lead: [
			`Trên đây là kết quả đánh giá, phân hạng sản phẩm ${d.productName} của Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName}.`,
			`Hội đồng đánh giá, phân hạng sản phẩm OCOP ${t.provinceName} kính báo cáo ${t.reportTo} xem xét, quyết định./.`
		],
		recipients: t.recipients.report,
		signers: [{ ...t.signers.report, name: t.signers.report.name || f.chair }]
	});
	finish(doc);
	return toBuffer(doc);
}
