// Phiếu đánh giá, chấm điểm: one member's card for one product, as locked (their ticks).

import { NONE_MET, isYesNo, listLeaves, type ProductSetRubric } from '../../domain/rubric';
import { choiceHundredths } from '../../domain/rubric';
import { fromHundredths } from '../../domain/exact';
import type { LockedCard, LockedRecord } from '../../domain/result-record';
import { closing, finish, legalHeading } from './frame';
import { newPdf, num, paragraph, section, table, toBuffer, vnTime } from './pdf';
import type { ProvinceTemplate } from './templates';

export interface SheetContext {
	template: ProvinceTemplate;
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
	const t = ctx.template;
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: null,
		place: t.place,
		at: card.submittedAt,
		title: 'Phiếu đánh giá, chấm điểm sản phẩm OCOP',
		subject: [`Bộ sản phẩm số ${rubric.no}: ${rubric.name}`]
	});
	paragraph(doc, `Tên sản phẩm: ${record.productName}`);
	paragraph(doc, `Chủ thể OCOP: ${ctx.organization}`);
	paragraph(
		doc,
		`Thành viên Hội đồng: ${ctx.memberName}${ctx.memberTitle ? `, ${ctx.memberTitle}` : ''}`
	);
	paragraph(doc, `Lần chấm: ${card.round}; nộp phiếu lúc ${vnTime(card.submittedAt)}.`);
	if (card.recused) {
		paragraph(doc, 'Không tham gia chấm (xung đột lợi ích).', { style: 'bold' });
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
				{ style: 'bold' }
			);
	}
	closing(doc, {
		signers: [
			{
				authority: [],
				title: 'Thành viên Hội đồng',
				hint: '(Ký, ghi rõ họ tên)',
				name: ctx.memberName
			}
		]
	});
	// The member's receipt lets them check this sheet against the locked record.
	finish(doc, `Mã biên nhận phiếu: ${card.receipt}`);
	return toBuffer(doc);
}
