// Per-province defaults for the documents' legal frame (Nghị định 30/2020/NĐ-CP): who issues,
// under which parent body, with which symbol, who signs and who receives copies. A province's own
// template wins over these (DOCUMENTS.md), so they are data, looked up by the council's place;
// Đà Nẵng (which now includes the former Quảng Nam) is the demo default.

export interface IssuingBody {
	/** The parent body in regular capitals, or null for a body at the top (UBND tỉnh). */
	parent: string | null;
	name: string;
	/** The body's part of the symbol: `HĐOCOP` in `03/BB-HĐOCOP`. */
	symbol: string;
}

export interface SignerLine {
	/** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": the authority lines above the title. */
	authority: string[];
	title: string;
	name: string;
}

export interface ProvinceTemplate {
	/** Place name in documents ("Đà Nẵng, ngày …"). */
	place: string;
	/** "thành phố Đà Nẵng", for sentences. */
	provinceName: string;
	/** Province code (T) of the product code, per QĐ 19/2025/QĐ-TTg. */
	provinceCode: string;
	/** Commune name → commune code (X) of the product code, per QĐ 19/2025/QĐ-TTg. */
	communeCodes: Record<string, string>;
	ubnd: IssuingBody;
	council: IssuingBody;
	office: IssuingBody;
	/** Addressee of the council's report ("Kính gửi: …"). */
	reportTo: string;
	decisionSigner: SignerLine;
	recipients: Record<'minutes' | 'report' | 'decision', string[]>;
	/**
	 * The letter (công văn) forwarding 5★ candidates to the Ministry: the drafting unit's symbol
	 * (`KT` in `90/UBND-KT`), the addressee and the copies.
	 */
	ministryLetter: { unit: string; to: string; recipients: string[] };
}

const DA_NANG: ProvinceTemplate = {
	place: 'Đà Nẵng',
	provinceName: 'thành phố Đà Nẵng',
	provinceCode: '48',
	// DEMO VALUE, not checked against QĐ 19/2025/QĐ-TTg: each province fills in its own list.
	communeCodes: { 'Xã Quế Sơn': '20500' },
	ubnd: { parent: null, name: 'Ủy ban nhân dân thành phố Đà Nẵng', symbol: 'UBND' },
	council: {
		parent: 'UBND thành phố Đà Nẵng',
		name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
		symbol: 'HĐOCOP'
	},
	office: {
		parent: 'UBND thành phố Đà Nẵng',
		name: 'Sở Nông nghiệp và Môi trường',
		symbol: 'SNNMT'
	},
	reportTo: 'Chủ tịch UBND thành phố Đà Nẵng',
	decisionSigner: {
		authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
		title: 'PHÓ CHỦ TỊCH',
		// The decision form records who signed; the template gives the usual authority lines.
		name: ''
	},
	recipients: {
		minutes: ['Thành viên Hội đồng', 'Cơ quan thường trực Chương trình OCOP', 'Lưu: VT, HĐOCOP'],
		report: ['Như trên', 'Sở Nông nghiệp và Môi trường', 'Thành viên Hội đồng', 'Lưu: VT, HĐOCOP'],
		decision: [
			'Như Điều 3',
			'Bộ Nông nghiệp và Môi trường (để báo cáo)',
			'Văn phòng Điều phối nông thôn mới Trung ương',
			'CT, các PCT UBND thành phố',
			'Lưu: VT, KT'
		]
	},
	ministryLetter: {
		unit: 'KT',
		to: 'Bộ Nông nghiệp và Môi trường',
		recipients: [
			'Như trên',
			'Văn phòng Điều phối nông thôn mới Trung ương',
			'CT, các PCT UBND thành phố',
			'Sở Nông nghiệp và Môi trường',
			'Lưu: VT, KT'
		]
	}
};

const TEMPLATES: ProvinceTemplate[] = [DA_NANG];

export const DEFAULT_TEMPLATE = DA_NANG;

/** A generic frame from the council's own settings, for a province without a template here. */
function generic(place: string, authority: string): ProvinceTemplate {
	const province = authority.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '');
	return {
		place,
		provinceName: province,
		provinceCode: '',
		communeCodes: {},
		ubnd: { parent: null, name: `Ủy ban nhân dân ${province}`, symbol: 'UBND' },
		council: { ...DA_NANG.council, parent: authority },
		office: { ...DA_NANG.office, parent: authority },
		reportTo: `Chủ tịch ${authority}`,
		decisionSigner: { ...DA_NANG.decisionSigner, name: '' },
		recipients: DA_NANG.recipients,
		ministryLetter: DA_NANG.ministryLetter
	};
}

/** The template of the province a council belongs to. */
export function templateFor(council: { place: string; authority: string }): ProvinceTemplate {
	return (
		TEMPLATES.find((t) => t.place === council.place) ?? generic(council.place, council.authority)
	);
}

export interface LegalText {
	number: string;
	/** ISO date of signature. */
	date: string;
	issuer: string;
	title: string;
}

/** The decision each rubric version comes from, cited by its number and date. */
const LEGAL_BASES: Record<string, LegalText> = {
	'qd26-2026': {
		number: '26/2026/QĐ-TTg',
		date: '2026-05-22',
		issuer: 'Thủ tướng Chính phủ',
		title: 'ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm OCOP'
	}
};

function longDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "Quyết định số 26/2026/QĐ-TTg ngày 22 tháng 5 năm 2026 của Thủ tướng Chính phủ …". */
export function legalBasis(rubricVersion: string): string {
	const t = LEGAL_BASES[rubricVersion];
	if (!t) return `Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP hiện hành`;
	return `Quyết định số ${t.number} ${longDate(t.date)} của ${t.issuer} ${t.title}`;
}

/** "QĐ 26/2026/QĐ-TTg" for short mentions. */
export function legalShort(rubricVersion: string): string {
	const t = LEGAL_BASES[rubricVersion];
	return t ? `Quyết định số ${t.number}` : 'Bộ tiêu chí hiện hành';
}
