// Biên bản họp Hội đồng: attendance, quorum, agenda, each item's result with its close time and
// any override with its reason. Built from the sitting's locked records.

import type { LockedRecord } from '../../domain/result-record';
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
import { BLOCKED_VI, OUTCOME_VI, ROLE_VI } from './words';

export interface MinutesInput {
	authority: string;
	councilName: string;
	place: string;
	sittingTitle: string;
	startsAt: number;
	openedAt: number | null;
	members: { id: string; name: string; title: string | null; role: string; voting: boolean }[];
	agenda: { position: number; productName: string; organization: string; state: string }[];
	records: LockedRecord[];
	chair: string;
	secretary: string;
}

const STATE_VI: Record<string, string> = {
	closed: 'đã kết thúc chấm điểm',
	deferred: 'hoãn sang phiên sau',
	pending: 'chưa xem xét',
	presenting: 'đang trình bày',
	questions: 'đang hỏi đáp',
	scoring: 'đang chấm điểm'
};

export function minutesPdf(m: MinutesInput, at: number): Promise<Buffer> {
	const doc = newPdf(`Biên bản họp - ${m.sittingTitle}`);
	heading(doc, {
		authority: m.authority,
		body: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
		place: m.place,
		at,
		title: 'Biên bản họp Hội đồng',
		sub: [m.sittingTitle]
	});
	paragraph(doc, `Thời gian: bắt đầu lúc ${vnTime(m.openedAt ?? m.startsAt)}, họp trực tuyến.`);
	paragraph(doc, `Hội đồng: ${m.councilName}.`);
	const present = new Set(m.records.flatMap((r) => r.attendance.presentIds));
	section(doc, 'I. THÀNH PHẦN THAM DỰ');
	table(
		doc,
		['Họ và tên', 'Chức vụ', 'Vai trò', 'Có mặt'],
		m.members.map((x) => [
			x.name,
			x.title ?? '',
			ROLE_VI[x.role] ?? x.role,
			x.voting ? (present.has(x.id) ? 'Có mặt' : 'Vắng') : 'Không biểu quyết'
		]),
		[0.3, 0.34, 0.22, 0.14]
	);
	const q = m.records[0]?.result.explanation.quorum;
	if (q)
		paragraph(
			doc,
			`Túc số: ${q.present}/${q.members} thành viên có quyền biểu quyết có mặt, yêu cầu tối thiểu ${q.required}; Chủ tịch Hội đồng ${q.chairPresent ? 'có mặt' : 'vắng mặt'}. ${q.met ? 'Phiên họp đủ điều kiện tiến hành.' : 'Phiên họp không đủ túc số.'}`
		);
	section(doc, 'II. CHƯƠNG TRÌNH PHIÊN HỌP');
	table(
		doc,
		['TT', 'Sản phẩm', 'Chủ thể OCOP', 'Tình trạng'],
		m.agenda.map((a) => [
			String(a.position),
			a.productName,
			a.organization,
			STATE_VI[a.state] ?? a.state
		]),
		[0.08, 0.34, 0.34, 0.24]
	);
	section(doc, 'III. KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG');
	table(
		doc,
		['Sản phẩm', 'Có mặt', 'Điểm TB', 'Hạng sao', 'Kết luận', 'Kết thúc lúc'],
		m.records.map((r) => [
			r.productName,
			`${r.attendance.present}/${r.attendance.members}`,
			num(r.result.average),
			r.result.stars === null ? '—' : `${r.result.stars} sao`,
			r.result.outcome
				? OUTCOME_VI[r.result.outcome]
				: `Chưa kết luận (${BLOCKED_VI[r.result.blocked ?? ''] ?? '—'})`,
			vnTime(r.closedAt)
		]),
		[0.22, 0.08, 0.09, 0.09, 0.24, 0.28],
		9
	);
	const overrides = m.records.filter((r) => r.override);
	section(doc, 'IV. CÁC TRƯỜNG HỢP CHỦ TỊCH QUYẾT ĐỊNH KẾT THÚC DÙ CHƯA ĐỦ ĐIỀU KIỆN');
	if (overrides.length === 0) paragraph(doc, 'Không có.');
	for (const r of overrides)
		paragraph(
			doc,
			`${r.productName}: ${BLOCKED_VI[r.override!.blocked] ?? r.override!.blocked}. Lý do: ${r.override!.reason}`
		);
	paragraph(
		doc,
		`Biên bản được lập từ các kết quả đã khóa số ${m.records.map((r) => r.seq).join(', ') || '—'}.`,
		{ italic: true }
	);
	signatures(doc, [
		{ role: 'Thư ký Hội đồng', name: m.secretary },
		{ role: 'Chủ tịch Hội đồng', name: m.chair }
	]);
	footer(doc, m.sittingTitle);
	return toBuffer(doc);
}
