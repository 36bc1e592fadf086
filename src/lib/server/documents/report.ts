// Báo cáo kết quả đánh giá, phân hạng sản phẩm: one product, from its locked record.

import type { ResultDetail } from '../results/detail';
import {
	footer,
	heading,
	newPdf,
	num,
	paragraph,
	section,
	signatures,
	table,
	toBuffer,
	vnTime
} from './pdf';
import { BLOCKED_VI, OUTCOME_VI, whyThisStarVi } from './words';

export interface Signers {
	chair: string;
	secretary: string;
}

export function evaluationReportPdf(
	d: ResultDetail,
	signers: Signers,
	at: number
): Promise<Buffer> {
	const doc = newPdf(`Báo cáo kết quả đánh giá - ${d.productName}`);
	heading(doc, {
		authority: d.authority,
		body: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
		place: d.place,
		at,
		title: 'Báo cáo kết quả đánh giá, phân hạng sản phẩm OCOP',
		sub: [`Sản phẩm: ${d.productName}`]
	});
	section(doc, 'I. THÔNG TIN SẢN PHẨM');
	paragraph(doc, `Chủ thể OCOP: ${d.organization}`);
	paragraph(
		doc,
		`Bộ sản phẩm số ${d.productSetNo}: ${d.productSetName} (bộ tiêu chí ${d.rubricVersion})`
	);
	paragraph(doc, `${d.roundName}; ${d.sittingTitle}.`);
	paragraph(doc, `Kết thúc chấm điểm lúc ${vnTime(d.closedAt)}.`);
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
		`Điểm trung bình: ${num(d.average)} điểm (Phần A: ${num(d.parts.A)}; Phần B: ${num(d.parts.B)}; Phần C: ${num(d.parts.C)}).`
	);
	paragraph(doc, `Độ chênh lệch điểm: ${num(d.spread)} điểm.`);
	paragraph(doc, `Hạng sao: ${d.stars ?? '—'} sao.`, { bold: true });
	for (const line of whyThisStarVi(d)) paragraph(doc, line);
	if (d.blocked) paragraph(doc, `Lưu ý: ${BLOCKED_VI[d.blocked] ?? d.blocked}.`);
	if (d.override)
		paragraph(
			doc,
			`Chủ tịch Hội đồng kết thúc chấm điểm dù ${BLOCKED_VI[d.override.blocked] ?? d.override.blocked}. Lý do: ${d.override.reason}`
		);
	paragraph(doc, `Kết luận: ${d.outcome ? OUTCOME_VI[d.outcome] : 'chưa có kết luận'}.`, {
		bold: true
	});
	section(doc, 'IV. ĐIỂM TRUNG BÌNH THEO TIÊU CHÍ');
	table(
		doc,
		['Mã', 'Tiêu chí', 'Tối đa', 'Trung bình'],
		d.criteria.map((c) => [c.code, c.label, num(c.max), num(c.average)]),
		[0.1, 0.62, 0.12, 0.16],
		9
	);
	signatures(doc, [
		{ role: 'Thư ký Hội đồng', name: signers.secretary },
		{ role: 'Chủ tịch Hội đồng', name: signers.chair }
	]);
	footer(doc, `Kết quả khóa số ${d.seq} · mã băm ${d.hash.slice(0, 16)}…`);
	return toBuffer(doc);
}
