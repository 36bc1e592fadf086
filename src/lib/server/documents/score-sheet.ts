// Phiếu đánh giá, chấm điểm: the statutory form of the product's set (the scorecard doubles as
// the evaluation form), filled in with one member's locked card. Every criterion in form order
// under its part and group headings with their maxima, every option with its box and the chosen
// one ticked, the form's notes, the star-minimum markers and their footnote, the dossier-rejection
// conditions, the product code, the member's comments, the totals and the signature: a member can
// check on paper exactly what they ticked.

import {
	NONE_MET,
	choiceHundredths,
	isLeaf,
	isYesNo,
	type ProductSetRubric,
	type RubricCriterion
} from '../../domain/rubric';
import { fromHundredths } from '../../domain/exact';
import type { CouncilRole } from '../../domain/meeting';
import type { LockedCard, LockedRecord } from '../../domain/result-record';
import type { Style } from './fonts';
import { closing, finish, legalHeading, type Lead } from './frame';
import { newPdf, num, paragraph, section, table, toBuffer, vnTime, type Pdf } from './pdf';
import { legalShort, type ProvinceTemplate } from './templates';
import { ROLE_VI } from './words';

/** The member's seat mid-sentence: a title ("Chủ tịch Hội đồng") keeps its capital. */
function councilRole(role: CouncilRole | null): string {
	return role && role !== 'member' ? ROLE_VI[role] : 'thành viên Hội đồng';
}

export interface SheetContext {
	template: ProvinceTemplate;
	organization: string;
	memberName: string;
	memberTitle: string | null;
	/** The member's council role when the item was locked; null if it was not recorded. */
	memberRole: CouncilRole | null;
	/** Mã sản phẩm `(T)-(X)-(STT)-(YYYY)`, or null before one is issued. */
	productCode: string | null;
	/** "Ý kiến của người đánh giá"; blank lines for the pen when the member wrote none. */
	comments: string | null;
	/**
	 * The conflict of interest a recused member declared for this item: its reason, the name of
	 * who recorded it (the member, or the chair for them) and when; null when none is on record.
	 * Read only for a recused card.
	 */
	recusal?: { reason: string; declaredBy: string; at: number } | null;
}

export const TICKED = '☒';
export const UNTICKED = '☐';

interface Row {
	cells: string[];
	style: Style;
	keep: boolean;
}

const box = (on: boolean) => (on ? TICKED : UNTICKED);

function leafRows(leaf: RubricCriterion, choice: number | undefined): Row[] {
	const points = choice === undefined ? null : fromHundredths(choiceHundredths(leaf, choice));
	const rows: Row[] = [
		{
			cells: [
				leaf.code,
				leaf.label,
				`tối đa ${num(leaf.max)}`,
				choice === undefined ? '' : num(points)
			],
			style: 'bold',
			keep: true
		}
	];
	const options = isYesNo(leaf)
		? [
				{ label: 'Có (đạt)', points: leaf.max, on: choice === 1 },
				{ label: 'Không (không đạt)', points: 0, on: choice === 0 }
			]
		: leaf.options.map((o, i) => ({
				label: o.case ? `(Trường hợp ${o.case}) ${o.label}` : o.label,
				points: o.points,
				on: choice === i
			}));
	for (const o of options)
		rows.push({ cells: ['', o.label, num(o.points), box(o.on)], style: 'regular', keep: false });
	if (choice === NONE_MET)
		rows.push({
			cells: ['', 'Không đạt phương án nào', '0', TICKED],
			style: 'regular',
			keep: false
		});
	for (const note of leaf.notes)
		rows.push({ cells: ['', note, '', ''], style: 'italic', keep: false });
	return rows;
}

function nodeRows(node: RubricCriterion, choices: Record<string, number>): Row[] {
	if (isLeaf(node)) return leafRows(node, choices[node.code]);
	const head: Row = {
		cells: [node.code, node.label.toUpperCase(), `tối đa ${num(node.max)}`, ''],
		style: 'bold',
		keep: true
	};
	const notes = node.notes.map((n) => ({
		cells: ['', n, '', ''],
		style: 'italic' as Style,
		keep: false
	}));
	return [head, ...notes, ...node.children.flatMap((c) => nodeRows(c, choices))];
}

/**
 * The form's criteria with every option boxed and the chosen ones ticked, part subtotals and the
 * total: the score sheet's body, and the self-assessment's (Mẫu 02) with the producer's choices.
 */
export function criteriaTable(
	doc: Pdf,
	rubric: ProductSetRubric,
	choices: Record<string, number>,
	score: { parts: Record<'A' | 'B' | 'C', number>; total: number } | null
): void {
	const rows: Row[] = [];
	for (const part of rubric.parts) {
		rows.push({ cells: [part.label.toUpperCase()], style: 'bold', keep: true });
		for (const child of part.children) rows.push(...nodeRows(child, choices));
		rows.push({
			cells: [
				'',
				`Cộng ${part.label.split(':')[0]}`,
				`tối đa ${num(part.max)}`,
				num(score?.parts[part.code as 'A'] ?? null)
			],
			style: 'bold',
			keep: false
		});
	}
	rows.push({
		cells: ['', 'TỔNG ĐIỂM', `tối đa ${num(rubric.total)}`, num(score?.total ?? null)],
		style: 'bold',
		keep: false
	});
	table(
		doc,
		['Mã', 'Tiêu chí và phương án đánh giá', 'Điểm', 'Chọn'],
		rows.map((r) => r.cells),
		[0.09, 0.65, 0.14, 0.12],
		9,
		{ style: (i) => rows[i].style, keepWithNext: (i) => rows[i].keep }
	);
}

export function scoreSheetPdf(
	rubric: ProductSetRubric,
	record: LockedRecord,
	card: LockedCard,
	ctx: SheetContext
): Promise<Buffer> {
	if (card.recused) return recusalRecordPdf(rubric, record, ctx);
	const doc = newPdf(`Phiếu đánh giá - ${record.productName} - ${ctx.memberName}`);
	const t = ctx.template;
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: null,
		place: t.place,
		at: card.submittedAt,
		title: 'Phiếu đánh giá, chấm điểm sản phẩm OCOP',
		subject: [`Bộ sản phẩm số ${rubric.no}: ${rubric.name}`, `(Theo ${legalShort(rubric.version)})`]
	});
	paragraph(doc, `Tên sản phẩm: ${record.productName}.`, { indent: false });
	paragraph(doc, `Mã sản phẩm: ${ctx.productCode ?? 'chưa cấp'}.`, { indent: false });
	paragraph(doc, `Chủ thể OCOP: ${ctx.organization}.`, { indent: false });
	paragraph(
		doc,
		`Người đánh giá: ${ctx.memberName}${ctx.memberTitle ? `, ${ctx.memberTitle}` : ''}, ${councilRole(ctx.memberRole)}.`,
		{ indent: false }
	);
	paragraph(doc, `Lần chấm: ${card.round}; nộp phiếu lúc ${vnTime(card.submittedAt)}.`, {
		indent: false
	});
	section(doc, 'ĐIỀU KIỆN LOẠI HỒ SƠ (không đánh giá)');
	paragraph(doc, rubric.disqualifyWhen ? `${rubric.disqualifyWhen}.` : 'Không có.');
	const mine = record.result.members.find((m) => m.member === card.member);
	section(doc, 'NỘI DUNG ĐÁNH GIÁ');
	criteriaTable(doc, rubric, card.choices, mine ?? null);
	paragraph(
		doc,
		`Ghi chú: ${TICKED} là phương án người đánh giá đã chọn. Phương án có dấu (***), (****), (*****) là mức tối thiểu sản phẩm phải đạt ở tiêu chí đó để được xếp hạng 3 sao, 4 sao, 5 sao.`,
		{ style: 'italic', size: 11, indent: false }
	);
	// The comments and the total end the sheet: they go with the signature onto its page.
	const comment = ctx.comments?.trim();
	const dots: Lead = { text: '.'.repeat(120), indent: false, size: 11 };
	// One part per paragraph, so that a long comment can flow and its end still go with the
	// signature.
	const said: [Lead, ...Lead[]] = comment
		? [comment.split('\n')[0], ...comment.split('\n').slice(1)]
		: [dots, dots, dots];
	closing(doc, {
		lead: [
			{ text: 'Ý KIẾN CỦA NGƯỜI ĐÁNH GIÁ', style: 'bold', indent: false },
			...said,
			`Tổng điểm: ${num(mine?.total ?? null)} điểm (Phần A: ${num(mine?.parts.A ?? null)}; Phần B: ${num(mine?.parts.B ?? null)}; Phần C: ${num(mine?.parts.C ?? null)}).`
		],
		signers: [
			{ authority: [], title: 'Người đánh giá', hint: '(Ký, ghi rõ họ tên)', name: ctx.memberName }
		]
	});
	// The member's receipt lets them check this sheet against the locked record.
	finish(doc, `Mã biên nhận phiếu: ${card.receipt}`);
	return toBuffer(doc);
}

/**
 * A recused member's place in the item's file. The office lists one sheet per card of the locked
 * record, and a secretary filing the item's documents expects one per member of the council that
 * sat: refusing the recused member's would leave a gap that only the minutes explain. So the
 * sheet exists, but as what it is, a short record that the member declared a conflict of interest
 * and did not score, with the reason. No scoring round or submission time, no receipt (there is
 * no card to check) and no evaluator's signature: a "Phiếu đánh giá" signed by someone who never
 * scored would read, once filed, as a vote that was not cast.
 */
function recusalRecordPdf(
	rubric: ProductSetRubric,
	record: LockedRecord,
	ctx: SheetContext
): Promise<Buffer> {
	const doc = newPdf(`Không tham gia chấm điểm - ${record.productName} - ${ctx.memberName}`);
	const t = ctx.template;
	const recusal = ctx.recusal ?? null;
	legalHeading(doc, {
		parent: t.council.parent,
		body: t.council.name,
		number: null,
		place: t.place,
		// Dated when the conflict was recorded; the item's closing when none is on record.
		at: recusal?.at ?? record.closedAt,
		title: 'Ghi nhận không tham gia chấm điểm',
		subject: [`Bộ sản phẩm số ${rubric.no}: ${rubric.name}`, `(Theo ${legalShort(rubric.version)})`]
	});
	paragraph(doc, `Tên sản phẩm: ${record.productName}.`, { indent: false });
	paragraph(doc, `Mã sản phẩm: ${ctx.productCode ?? 'chưa cấp'}.`, { indent: false });
	paragraph(doc, `Chủ thể OCOP: ${ctx.organization}.`, { indent: false });
	paragraph(
		doc,
		`Thành viên: ${ctx.memberName}${ctx.memberTitle ? `, ${ctx.memberTitle}` : ''}, ${councilRole(ctx.memberRole)}.`,
		{ indent: false }
	);
	paragraph(
		doc,
		'Thành viên đã khai báo xung đột lợi ích với sản phẩm này và không tham gia chấm điểm: không có phiếu chấm, không có điểm; điểm của thành viên không được tính vào điểm trung bình của Hội đồng.',
		{ style: 'bold' }
	);
	paragraph(
		doc,
		recusal
			? `Lý do: ${recusal.reason.trim().replace(/[.;]$/, '')}. Ghi nhận lúc ${vnTime(recusal.at)}, người ghi nhận: ${recusal.declaredBy}.`
			: 'Lý do: không được ghi nhận trong hệ thống.'
	);
	finish(doc);
	return toBuffer(doc);
}
