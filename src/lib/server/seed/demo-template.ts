// The Đà Nẵng template the demo starts with (Đà Nẵng now includes the former Quảng Nam). The
// office edits it at /office/templates; nothing in the documents reads these constants directly.

import type { Q } from '../db/client';
import { saveTemplate } from '../documents/template-store';
import type { ProvinceTemplate } from '../documents/templates';

export const DEMO_TEMPLATE: ProvinceTemplate = {
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
	signers: {
		report: { authority: ['TM. HỘI ĐỒNG'], title: 'CHỦ TỊCH', name: '' },
		// The decision form records who signed; the template gives the usual authority lines.
		decision: {
			authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
			title: 'PHÓ CHỦ TỊCH',
			name: ''
		},
		notice: {
			authority: ['KT. GIÁM ĐỐC'],
			title: 'PHÓ GIÁM ĐỐC',
			name: 'Trần Thị Minh Hạnh (demo)'
		},
		letter: { authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH', name: '' }
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
		],
		notice: [
			'Chủ thể OCOP có sản phẩm',
			'UBND xã nơi có sản phẩm',
			'Cổng thông tin điện tử thành phố (để đăng tải)',
			'Lưu: VT, PTNT'
		],
		letter: ['Như trên', 'CT, các PCT UBND thành phố', 'Lưu: VT, KT']
	}
};

/** Stores the demo template unless the office has already set one for Đà Nẵng. */
export function seedDemoTemplate(db: Q, now: number): void {
	saveTemplate(db, DEMO_TEMPLATE, null, now, { keepExisting: true });
}
