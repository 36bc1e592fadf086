// Phiếu đánh giá, chấm điểm: one member's card for one product, as locked (their ticks).

import { NONE_MET, isYesNo, listLeaves, type ProductSetRubric } from '../../domain/rubric';
import { choiceHundredths } from '../../domain/rubric';
import { fromHundredths } from '../../domain/exact';
import type { LockedCard, LockedRecord } from '../../domain/result-record';
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

export interface SheetContext {
	authority: string;
	place: string;
	organization: string;
	memberName: string;
	memberTitle: string | null;
}

function chosenLabel(rubric: ProductSetRubric, code: string, choice: number | undefined): string {
	const leaf = listLeaves(rubric).find((l) => l.leaf.code === code)!.leaf;
	if (choice === undefined) return 'Chưa chấm';
	if (choice === NONE_MET) return 'Không đạt phương án nào';
	if (isYesNo(leaf)) return choice === 1 ? 'Có' : 'Không';
	return leaf.options[choice]?.label ?? `Phương án ${choice + 1}`;
}

export function scoreSheetPdf(
	rubric: ProductSetRubric,
	record: LockedRecord,
	card: LockedCard,
	ctx: SheetContext
): Promise<Buffer> {
	const doc = newPdf(`Phiếu đánh giá - ${record.productName} - ${ctx.memberName}`);
	heading(doc, {
		authority: ctx.authority,
		body: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
		place: ctx.place,
		at: card.submittedAt,
		title: 'Phiếu đánh giá, chấm điểm sản phẩm OCOP',
		sub: [`Bộ sản phẩm số ${rubric.no}: ${rubric.name}`]
	});
	paragraph(doc, `Tên sản phẩm: ${record.productName}`);
	paragraph(doc, `Chủ thể OCOP: ${ctx.organization}`);
	paragraph(
		doc,
		`Thành viên Hội đồng: ${ctx.memberName}${ctx.memberTitle ? `, ${ctx.memberTitle}` : ''}`
	);
	paragraph(doc, `Lần chấm: ${card.round}; nộp phiếu lúc ${vnTime(card.submittedAt)}.`);
	if (card.recused) {
		paragraph(doc, 'Không tham gia chấm (xung đột lợi ích).', { bold: true });
	} else {
		const leaves = listLeaves(rubric);
		const rows = leaves.map(({ leaf }) => {
			const choice = card.choices[leaf.code];
			const points = choice === undefined ? null : fromHundredths(choiceHundredths(leaf, choice));
			return [leaf.code, leaf.label, chosenLabel(rubric, leaf.code, choice), num(points)];
		});
		section(doc, 'ĐIỂM THEO TIÊU CHÍ (phương án thành viên đã chọn)');
		table(doc, ['Mã', 'Tiêu chí', 'Phương án đã chọn', 'Điểm'], rows, [0.09, 0.38, 0.41, 0.12], 9);
		const mine = record.result.members.find((m) => m.member === card.member);
		if (mine)
			paragraph(
				doc,
				`Phần A: ${num(mine.parts.A)} điểm; Phần B: ${num(mine.parts.B)} điểm; Phần C: ${num(mine.parts.C)} điểm. Tổng điểm: ${num(mine.total)} điểm.`,
				{ bold: true }
			);
	}
	signatures(doc, [{ role: 'Thành viên Hội đồng', name: ctx.memberName }]);
	footer(doc, `Biên nhận phiếu ${card.receipt.slice(0, 16)}… · kết quả khóa số ${record.seq}`);
	return toBuffer(doc);
}
