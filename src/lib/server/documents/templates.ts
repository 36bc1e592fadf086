// Per-province templates for the documents' legal frame (Nghị định 30/2020/NĐ-CP): who issues,
// under which parent body, with which symbol, who signs and who receives copies. A province's own
// template wins over the defaults (DOCUMENTS.md), so it is data the office sets in the app
// (/office/templates), stored per place; the Đà Nẵng demo template is seeded with the demo.

import { eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { provinceTemplates } from '../db/schema/templates';

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
	/**
	 * The report's and the notice's signer (empty on the report: the council's chair). A decision,
	 * its certificates and a letter print the signer recorded with them (signer-block.ts).
	 */
	name: string;
}

/** The documents whose `Nơi nhận` the template lists. */
export const RECIPIENT_KINDS = ['minutes', 'report', 'decision', 'notice', 'letter'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
/** The documents whose signature block the template gives (minutes: chair and secretary). */
export const SIGNER_KINDS = ['report', 'decision', 'notice', 'letter'] as const;
export type SignerKind = (typeof SIGNER_KINDS)[number];

export interface ProvinceTemplate {
	/** Place name in documents ("Đà Nẵng, ngày …"); also the key councils are matched by. */
	place: string;
	/** "thành phố Đà Nẵng", for sentences. */
	provinceName: string;
	/** Province code (T) of the product code, per QĐ 19/2025/QĐ-TTg. */
	provinceCode: string;
	/** Commune name (as dossiers record it) → commune code (X) of the product code. */
	communeCodes: Record<string, string>;
	ubnd: IssuingBody;
	council: IssuingBody;
	/** The OCOP office (cơ quan thường trực), which issues the notices of results. */
	office: IssuingBody;
	/** Addressee of the council's report ("Kính gửi: …"). */
	reportTo: string;
	signers: Record<SignerKind, SignerLine>;
	recipients: Record<RecipientKind, string[]>;
}

/** A frame from the council's own settings, for a province whose office has set no template. */
export function genericTemplate(place: string, authority: string): ProvinceTemplate {
	const province = authority.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '');
	const ubndSigner = {
		authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
		title: 'PHÓ CHỦ TỊCH',
		name: ''
	};
	return {
		place,
		provinceName: province,
		provinceCode: '',
		communeCodes: {},
		ubnd: { parent: null, name: `Ủy ban nhân dân ${province}`, symbol: 'UBND' },
		council: {
			parent: authority,
			name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
			symbol: 'HĐOCOP'
		},
		office: { parent: authority, name: 'Sở Nông nghiệp và Môi trường', symbol: 'SNNMT' },
		reportTo: `Chủ tịch ${authority}`,
		signers: {
			report: { authority: ['TM. HỘI ĐỒNG'], title: 'CHỦ TỊCH', name: '' },
			decision: ubndSigner,
			notice: { authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC', name: '' },
			letter: ubndSigner
		},
		recipients: {
			minutes: ['Thành viên Hội đồng', 'Cơ quan thường trực Chương trình OCOP', 'Lưu: VT, HĐOCOP'],
			report: [
				'Như trên',
				'Sở Nông nghiệp và Môi trường',
				'Thành viên Hội đồng',
				'Lưu: VT, HĐOCOP'
			],
			decision: ['Như Điều 3', 'Bộ Nông nghiệp và Môi trường (để báo cáo)', 'Lưu: VT, KT'],
			notice: ['Chủ thể OCOP có sản phẩm', 'UBND xã nơi có sản phẩm', 'Lưu: VT'],
			letter: ['Như trên', 'Lưu: VT, KT']
		}
	};
}

/**
 * The template of the province a council belongs to: the office's, stored in the database, over
 * the generic frame (so a field added later has a value in templates stored before it).
 */
export function templateFor(
	db: Q,
	council: { place: string; authority: string }
): ProvinceTemplate {
	const base = genericTemplate(council.place, council.authority);
	const stored = db
		.select({ data: provinceTemplates.data })
		.from(provinceTemplates)
		.where(eq(provinceTemplates.place, council.place))
		.get()?.data;
	if (!stored) return base;
	return {
		...base,
		...stored,
		signers: { ...base.signers, ...stored.signers },
		recipients: { ...base.recipients, ...stored.recipients }
	};
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

/** The law on local government, which a people's committee's decision cites first. */
const LOCAL_GOVERNMENT_LAW = {
	name: 'Luật Tổ chức chính quyền địa phương',
	number: '72/2025/QH15',
	date: '2025-06-16'
};

/** "ngày 16 tháng 6 năm 2025": a cited text's date, as legal bases spell it. */
export function longDate(iso: string): string {
	const [y, m, d] = iso.split('-').map(Number);
	return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025". */
export function localGovernmentLaw(): string {
	const l = LOCAL_GOVERNMENT_LAW;
	return `${l.name} số ${l.number} ${longDate(l.date)}`;
}

/** A document of the app cited by its number and the date it carries (ISO). */
export interface Citation {
	number: string;
	on: string;
}

/** "Báo cáo số 01/BC-HĐOCOP ngày 5 tháng 2 năm 2026". */
export function citeReport(c: Citation): string {
	return `Báo cáo số ${c.number} ${longDate(c.on)}`;
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
