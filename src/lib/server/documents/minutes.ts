// Biên bản họp Hội đồng (DOCUMENTS.md, "What the minutes record"): opening and closing, who
// chaired and kept the minutes, attendance and quorum, declared conflicts and who stepped out,
// and for each product the discussion, each member's total, the average, the stars, re-scoring
// rounds and any override. Built from the sitting's locked records; signed by the chair (chủ
// tọa) and the secretary, without "TM.".

import { scoreCard } from '../../domain/card-score';
import type { LockedRecord } from '../../domain/result-record';
import { getRubric } from '../../domain/rubrics';
import { closing, finish, legalHeading } from './frame';
import { UNKNOWN_NAME, type Person } from './people';
import { avg, num, paragraph, section, table, toBuffer, vnTime, newPdf } from './pdf';
import type { ProvinceTemplate } from './templates';
import { BLOCKED_VI, MEMBER_VI, ROLE_VI, outcomeLine, recordOutcome } from './words';

export interface MinutesInput {
	template: ProvinceTemplate;
	number: string;
	sittingTitle: string;
	startsAt: number;
	/** The main venue, if the sitting had one (sittings.place). */
	place: string | null;
	openedAt: number | null;
	closedAt: number | null;
	/** The council as it sat when the sitting's items were locked (people.ts). */
	members: Person[];
	/** Everyone the minutes name (members, and whoever declared a conflict), by user id. */
	names: Record<string, string>;
	agenda: {
		itemId: string;
		position: number;
		productName: string;
		organization: string;
		state: string;
		/** The item's shared notes (questions and discussion), as plain text. */
		notes: string;
		/** Names of the producer's people listed to present the product. */
		presenters: string[];
		/**
		 * What became of the presentation, from the item's recorded moves: `presented` when the
		 * item reached 'presenting'; `skipped` when it was taken up (questions or scoring) without
		 * it; `none` when it was never taken up (deferred or left pending).
		 */
		presentation: 'presented' | 'skipped' | 'none';
		conflicts: { userId: string; reason: string }[];
	}[];
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

/** The members' totals and spread of each earlier scoring round of a record, in round order. */
export function earlierRoundTotals(r: LockedRecord) {
	const rubric = getRubric(r.rubricVersion, r.productSetNo);
	const rounds = [...new Set(r.earlierRounds.map((c) => c.round))].sort((a, b) => a - b);
	return rounds.map((round) => {
		const totals = r.earlierRounds
			.filter((c) => c.round === round && !c.recused)
			.map((c) => ({ member: c.member, total: scoreCard(rubric, c.choices).total }));
		const all = totals.map((x) => x.total);
		const spread = all.length ? Math.round((Math.max(...all) - Math.min(...all)) * 100) / 100 : 0;
		return { round, totals, spread };
	});
}

export function minutesPdf(m: MinutesInput, at: number): Promise<Buffer> {
	const t = m.template;
	const doc = newPdf(`Biên bản họp - ${m.sittingTitle}`);
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: m.number,
		place: t.place,
		at,
		title: 'Biên bản',
		subject: [`Họp ${t.council.name} ${t.provinceName}`, m.sittingTitle]
	});
	const name = (id: string) => m.names[id] ?? UNKNOWN_NAME;
	paragraph(doc, `Thời gian bắt đầu: ${vnTime(m.openedAt ?? m.startsAt)}.`);
	// Nghị định 30/2020: the minutes state the time and the place. An online sitting's place is
	// the system, with the main venue where the office set one.
	paragraph(
		doc,
		`Địa điểm: ${m.place ? `điểm cầu chính tại ${m.place}, ` : ''}kết nối trực tuyến trên hệ thống đánh giá, phân hạng sản phẩm OCOP.`
	);
	paragraph(doc, 'Hình thức: họp trực tuyến.');
	paragraph(doc, `Chủ trì (chủ tọa): ${m.chair || '—'}, Chủ tịch Hội đồng.`);
	paragraph(doc, `Thư ký (người ghi biên bản): ${m.secretary || '—'}, Thư ký Hội đồng.`);

	const present = new Set(m.records.flatMap((r) => r.attendance.presentIds));
	section(doc, 'I. THÀNH PHẦN THAM DỰ');
	table(
		doc,
		['Họ và tên', 'Chức vụ', 'Vai trò', 'Có mặt'],
		m.members.map((x) => [
			x.name,
			x.title ?? '',
			x.role ? ROLE_VI[x.role] : MEMBER_VI,
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

	section(doc, 'III. XUNG ĐỘT LỢI ÍCH');
	const declared = m.agenda.flatMap((a) => a.conflicts.map((c) => ({ a, c })));
	if (declared.length === 0) paragraph(doc, 'Không có thành viên nào khai báo xung đột lợi ích.');
	for (const { a, c } of declared)
		paragraph(
			doc,
			`${name(c.userId)} khai báo xung đột lợi ích với sản phẩm ${a.productName} (${c.reason}); không tham gia chấm và rời phòng họp trong thời gian Hội đồng xem xét sản phẩm này.`
		);

	section(doc, 'IV. NỘI DUNG XEM XÉT, ĐÁNH GIÁ TỪNG SẢN PHẨM');
	const byItem = new Map(m.records.map((r) => [r.itemId, r]));
	for (const a of m.agenda) {
		section(doc, `${a.position}. ${a.productName} (${a.organization})`);
		// Only who actually presented: the agenda's presenters are who was invited to. An item
		// deferred before it was called was not presented, and one moved straight to questions or
		// scoring was not presented either (the video presentation is the 'presenting' step).
		if (a.presentation === 'presented' && a.presenters.length)
			paragraph(doc, `Trình bày: ${a.presenters.join(', ')} (đại diện chủ thể OCOP).`);
		else if (a.presentation === 'skipped')
			paragraph(
				doc,
				'Chủ thể OCOP không trình bày; Hội đồng chuyển thẳng sang hỏi đáp, chấm điểm.'
			);
		if (a.notes.trim()) {
			paragraph(doc, 'Ý kiến thảo luận, câu hỏi và trả lời:', { style: 'italic' });
			for (const line of a.notes.split(/\n+/).filter((l) => l.trim()))
				paragraph(doc, `- ${line.trim()}`);
		}
		const r = byItem.get(a.itemId);
		if (!r) {
			paragraph(doc, `Tình trạng: ${STATE_VI[a.state] ?? a.state}.`);
			continue;
		}
		const earlier = earlierRoundTotals(r);
		if (earlier.length > 0) {
			paragraph(doc, `Hội đồng đã chấm lại ${earlier.length} lần do độ chênh lệch điểm vượt mức.`);
			// Each earlier round as it was scored (the record keeps every card): the minutes show
			// the spread that sent the council back to discussion, not only that it happened.
			for (const e of earlier)
				paragraph(
					doc,
					`Lần chấm ${e.round}: ${e.totals.map((x) => `${name(x.member)} ${num(x.total)}`).join('; ')}; độ chênh lệch: ${num(e.spread)} điểm.`
				);
			paragraph(doc, `Lần chấm ${earlier.at(-1)!.round + 1} (kết quả được khóa):`, {
				style: 'italic'
			});
		}
		table(
			doc,
			['Thành viên', 'Tổng điểm'],
			r.result.members.map((x) => [
				name(x.member),
				x.recused ? 'Không tham gia chấm (xung đột lợi ích)' : num(x.total)
			]),
			[0.6, 0.4]
		);
		paragraph(
			doc,
			`Điểm trung bình: ${avg(r.result.average)} điểm; độ chênh lệch: ${num(r.result.spread)} điểm; hạng sao: ${r.result.stars === null ? '—' : `${r.result.stars} sao`}.`
		);
		if (r.override)
			paragraph(
				doc,
				`Chủ tịch Hội đồng kết thúc chấm điểm dù ${BLOCKED_VI[r.override.blocked] ?? r.override.blocked}. Lý do: ${r.override.reason}`
			);
		paragraph(
			doc,
			`Kết luận: ${outcomeLine(recordOutcome(r), r.result.blocked)}. Kết thúc chấm lúc ${vnTime(r.closedAt)}.`,
			{
				style: 'bold'
			}
		);
	}

	const end = m.closedAt ?? Math.max(0, ...m.records.map((r) => r.closedAt));
	// The council's conclusion ends the minutes: it goes with the signatures onto their page.
	closing(doc, {
		lead: [
			{ text: 'V. KẾT LUẬN CỦA HỘI ĐỒNG', style: 'bold', indent: false },
			{
				table: {
					headers: ['Sản phẩm', 'Điểm TB', 'Hạng sao', 'Kết luận'],
					rows: m.records.map((r) => [
						r.productName,
						avg(r.result.average),
						r.result.stars === null ? '—' : `${r.result.stars} sao`,
						outcomeLine(recordOutcome(r), r.result.blocked)
					]),
					fractions: [0.34, 0.12, 0.12, 0.42]
				}
			},
			end
				? `Phiên họp kết thúc lúc ${vnTime(end)}. Biên bản đã được thông qua trước Hội đồng.`
				: 'Biên bản đã được thông qua trước Hội đồng.'
		],
		signers: [
			{ authority: [], title: 'Thư ký', name: m.secretary },
			{ authority: [], title: 'Chủ tọa', name: m.chair }
		],
		recipients: t.recipients.minutes
	});
	finish(doc);
	return toBuffer(doc);
}
