// The decision's annex lists the products in numbered parts, numbered as they stand: a decision
// that only forwards 5★ candidates to the Ministry has one part "I.", not a "II." after nothing.
import { describe, expect, it } from 'vitest';
import { decisionPdf, type DecisionLine } from '../../src/lib/server/documents/decision';
import { genericTemplate } from '../../src/lib/server/documents/templates';
import { flatText } from '../helpers/pdf-text';

const line = (name: string, outcome: DecisionLine['outcome']): DecisionLine => ({
	productName: name,
	organization: 'HTX Nông nghiệp xanh Đất Quảng',
	productCode: '48-20500-001-2026',
	stars: outcome === 'recognized' ? 4 : 5,
	outcome,
	certificateNo: outcome === 'recognized' ? '12/GCN-OCOP' : null,
	expiresOn: outcome === 'recognized' ? '2029-12-04' : null,
	report: null
});

const annex = async (lines: DecisionLine[]) => {
	const text = flatText(
		await decisionPdf({
			template: genericTemplate('Đà Nẵng', 'UBND thành phố Đà Nẵng'),
			number: '12/QĐ-UBND',
			decidedOn: '2026-12-05',
			signer: 'Trần Văn Phước',
			signerTitle: 'Phó Chủ tịch',
			year: 2026,
			rubricVersion: 'qd26-2026',
			lines
		})
	);
	return text.slice(text.indexOf('DANH SÁCH SẢN PHẨM'));
};

describe("the decision's annex", () => {
	it('numbers a lone part of forwarded candidates I.', async () => {
		const text = await annex([line('Trà xanh Đại Lộc', 'forwarded-central')]);
		expect(text).toContain('I. SẢN PHẨM TIỀM NĂNG 5 SAO ĐỀ NGHỊ TRUNG ƯƠNG ĐÁNH GIÁ');
		expect(text).not.toContain('II.');
		expect(text).not.toContain('ĐƯỢC CÔNG NHẬN ĐẠT CHUẨN OCOP');
	});

	it('numbers recognised products I. and forwarded candidates II. when both stand', async () => {
		const text = await annex([
			line('Trà xanh Đại Lộc', 'forwarded-central'),
			line('Bánh dừa nướng', 'recognized')
		]);
		const first = text.indexOf('I. SẢN PHẨM ĐƯỢC CÔNG NHẬN ĐẠT CHUẨN OCOP');
		const second = text.indexOf('II. SẢN PHẨM TIỀM NĂNG 5 SAO ĐỀ NGHỊ TRUNG ƯƠNG ĐÁNH GIÁ');
		expect(first).toBeGreaterThan(-1);
		expect(second).toBeGreaterThan(first);
	});
});
