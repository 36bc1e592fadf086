// The producer's filed forms printed from the dossier as filed: Mẫu 01 (phiếu đăng ký), Mẫu 02
// (báo cáo tự đánh giá, the scorecard with the producer's own ticks) and Mẫu 03 (báo cáo đánh giá
// của UBND xã). A producer's forms carry the organisation at top left and no register number.

import type { ProductSetRubric } from '../../domain/rubric';
import { criteriaTable } from './score-sheet';
import { closing, finish, legalHeading } from './frame';
import { newPdf, num, paragraph, section, table, toBuffer, vnTime } from './pdf';
import { legalShort } from './templates';

export interface FiledDossier {
	place: string;
	/** When the dossier was submitted (or last changed, for a draft). */
	at: number;
	version: number;
	submitted: boolean;
	organization: {
		name: string;
		kind: string;
		registrationNo: string | null;
		representative: string | null;
		gender: string | null;
		ethnicity: string | null;
		address: string | null;
		commune: string | null;
	};
	product: { name: string; setNo: number; setName: string; rubricVersion: string };
	registrationKind: string;
	sampleCount: number;
	commune: string | null;
	/** The province's name for sentences, "thành phố Đà Nẵng". */
	provinceName: string;
}

const KIND_VI: Record<string, string> = {
	cooperative: 'Hợp tác xã',
	'cooperative-group': 'Tổ hợp tác',
	enterprise: 'Doanh nghiệp',
	farm: 'Trang trại',
	'household-business': 'Hộ kinh doanh'
};
const REGISTRATION_VI: Record<string, string> = {
	first: 'Đánh giá lần đầu',
	upgrade: 'Nâng hạng',
	reevaluation: 'Đánh giá lại'
};
const GENDER_VI: Record<string, string> = { female: 'Nữ', male: 'Nam', other: 'Khác' };

const or = (v: string | null | undefined) => (v && v.trim() ? v : '—');
const communeAuthority = (c: string | null) =>
	c ? `Ủy ban nhân dân ${c.replace(/^Xã /, 'xã ')}` : 'Ủy ban nhân dân xã';

function heading(d: FiledDossier, title: string, subject: string[], to?: string) {
	const doc = newPdf(`${title} - ${d.product.name}`);
	legalHeading(doc, {
		parent: null,
		body: d.organization.name,
		number: null,
		place: d.place,
		at: d.at,
		title,
		subject,
		to
	});
	return doc;
}

function representative(d: FiledDossier) {
	return {
		authority: ['ĐẠI DIỆN CHỦ THỂ'],
		title: '',
		hint: '(Ký, ghi rõ họ tên, đóng dấu nếu có)',
		name: d.organization.representative ?? ''
	};
}

/** Mẫu 01: Phiếu đăng ký sản phẩm tham gia đánh giá, phân hạng. */
export function registrationFormPdf(d: FiledDossier): Promise<Buffer> {
	const doc = heading(
		d,
		'Phiếu đăng ký',
		['Sản phẩm tham gia đánh giá, phân hạng sản phẩm OCOP', '(Mẫu 01)'],
		communeAuthority(d.commune)
	);
	const o = d.organization;
	section(doc, 'I. THÔNG TIN CHỦ THỂ');
	table(
		doc,
		['Nội dung', 'Thông tin'],
		[
			['Tên chủ thể', o.name],
			['Loại hình', KIND_VI[o.kind] ?? o.kind],
			['Mã số thuế / số đăng ký', or(o.registrationNo)],
			['Người đại diện theo pháp luật', or(o.representative)],
			[
				'Giới tính, dân tộc của người đại diện',
				`${GENDER_VI[o.gender ?? ''] ?? '—'}; ${or(o.ethnicity)}`
			],
			['Địa chỉ', or(o.address)],
			['Xã', or(d.commune ?? o.commune)]
		],
		[0.36, 0.64],
		11
	);
	const product = [
		['Tên sản phẩm', d.product.name],
		['Bộ sản phẩm', `Bộ sản phẩm số ${d.product.setNo}: ${d.product.setName}`],
		['Hình thức đăng ký', REGISTRATION_VI[d.registrationKind] ?? d.registrationKind],
		['Số lượng mẫu sản phẩm', String(d.sampleCount)],
		['Phiên bản hồ sơ', `${d.version}${d.submitted ? `, nộp lúc ${vnTime(d.at)}` : ' (chưa nộp)'}`]
	];
	closing(doc, {
		lead: [
			{ text: 'II. THÔNG TIN SẢN PHẨM ĐĂNG KÝ', style: 'bold', indent: false },
			{
				table: {
					headers: ['Nội dung', 'Thông tin'],
					rows: product,
					fractions: [0.36, 0.64],
					size: 11
				}
			},
			`Chúng tôi cam kết các thông tin trên là đúng sự thật và tuân thủ các quy định của Chương trình Mỗi xã một sản phẩm (OCOP) ${d.provinceName}.`
		],
		signers: [representative(d)]
	});
	finish(doc);
	return toBuffer(doc);
}

export interface SelfAssessment {
	choices: Record<string, number>;
	score: { parts: Record<'A' | 'B' | 'C', number>; total: number };
	answered: number;
	count: number;
	/** Null until every criterion is answered. */
	stars: number | null;
}

/** Mẫu 02: Báo cáo tự đánh giá sản phẩm, on the product set's scorecard. */
export function selfAssessmentPdf(
	d: FiledDossier,
	s: SelfAssessment,
	rubric: ProductSetRubric
): Promise<Buffer> {
	const doc = heading(d, 'Báo cáo tự đánh giá sản phẩm OCOP', [
		`Bộ sản phẩm số ${rubric.no}: ${rubric.name}`,
		`(Mẫu 02, theo ${legalShort(rubric.version)})`
	]);
	paragraph(doc, `Tên sản phẩm: ${d.product.name}.`, { indent: false });
	paragraph(doc, `Chủ thể OCOP: ${d.organization.name}.`, { indent: false });
	paragraph(doc, `Số tiêu chí đã tự đánh giá: ${s.answered}/${s.count}.`, { indent: false });
	section(doc, 'KẾT QUẢ TỰ ĐÁNH GIÁ THEO TIÊU CHÍ');
	criteriaTable(doc, rubric, s.choices, s.score);
	closing(doc, {
		lead: [
			{
				text: 'Ghi chú: ☒ là phương án chủ thể tự đánh giá. Kết quả do Hội đồng đánh giá, phân hạng quyết định.',
				style: 'italic',
				size: 11,
				indent: false
			},
			`Tổng điểm tự đánh giá: ${num(s.score.total)} điểm (Phần A: ${num(s.score.parts.A)}; Phần B: ${num(s.score.parts.B)}; Phần C: ${num(s.score.parts.C)}); tự xếp hạng: ${s.stars ? `${s.stars} sao` : 'chưa đủ tiêu chí để xếp hạng'}.`
		],
		signers: [representative(d)]
	});
	finish(doc);
	return toBuffer(doc);
}

export interface CommuneReport {
	rawMaterial: string;
	labour: string;
	ideaOrigin: string;
	identity: string;
	proposal: string;
	decision: 'forward' | 'return' | null;
	reviewer: string | null;
	at: number;
}

/** Mẫu 03: Báo cáo đánh giá của Ủy ban nhân dân xã on the producer's dossier. */
export function communeReportPdf(d: FiledDossier, r: CommuneReport): Promise<Buffer> {
	const doc = newPdf(`Báo cáo đánh giá của UBND xã - ${d.product.name}`);
	legalHeading(doc, {
		parent: null,
		body: communeAuthority(d.commune),
		// The commune numbers it in its own register, which the app does not keep: left to fill in.
		number: '……/BC-UBND',
		// Nghị định 30/2020: a commune's document is dated with the commune's name.
		place: d.commune ? d.commune.replace(/^Xã\s+/iu, '') : d.place,
		at: r.at,
		title: 'Báo cáo',
		subject: [`Đánh giá sản phẩm ${d.product.name} tham gia Chương trình OCOP`, '(Mẫu 03)']
	});
	paragraph(doc, `Chủ thể OCOP: ${d.organization.name}; địa chỉ: ${or(d.organization.address)}.`);
	paragraph(doc, `Bộ sản phẩm số ${d.product.setNo}: ${d.product.setName}.`);
	for (const [head, text] of [
		['1. Nguồn nguyên liệu', r.rawMaterial],
		['2. Sử dụng lao động địa phương', r.labour],
		['3. Nguồn gốc ý tưởng sản phẩm', r.ideaOrigin],
		['4. Tính đặc trưng, bản sắc của sản phẩm', r.identity]
	] as const) {
		section(doc, head);
		paragraph(doc, or(text));
	}
	const verdict =
		r.decision === 'forward'
			? 'chuyển hồ sơ lên cấp tỉnh đánh giá, phân hạng'
			: r.decision === 'return'
				? 'trả hồ sơ để chủ thể hoàn thiện'
				: 'chưa kết luận';
	const reviewer = r.reviewer ? [`Người lập báo cáo: ${r.reviewer}.`] : [];
	// Signed for the committee by its chair (the one who entered the review is not the signer).
	closing(doc, {
		// The proposal and the conclusion end the report: they go with the signature.
		lead: [
			{ text: '5. Đề xuất của Ủy ban nhân dân xã', style: 'bold', indent: false },
			or(r.proposal),
			...reviewer,
			`Kết luận: Ủy ban nhân dân xã ${verdict}./.`
		],
		recipients: [
			`Cơ quan thường trực Chương trình OCOP ${d.provinceName || 'cấp tỉnh'}`,
			d.organization.name,
			'Lưu: VT'
		],
		signers: [{ authority: ['TM. ỦY BAN NHÂN DÂN'], title: 'CHỦ TỊCH', name: '' }]
	});
	finish(doc);
	return toBuffer(doc);
}
