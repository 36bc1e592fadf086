// The legal frame every document shares (Nghị định 30/2020/NĐ-CP, Phụ lục I): parent and issuing
// body with a short rule, the number and symbol, quốc hiệu and tiêu ngữ with its rule, place and
// date, the title and subject, the closing with signature blocks and `Nơi nhận`, and page
// numbers from the second page.

import {
	BODY_SIZE,
	MARGIN,
	bottom,
	measure,
	paragraph,
	placeAndDate,
	table,
	use,
	width,
	write,
	type Pdf
} from './pdf';
import type { Style } from './fonts';

export interface Frame {
	parent: string | null;
	body: string;
	/** "03/BB-HĐOCOP" from the register; null on forms that carry no number (score sheets). */
	number: string | null;
	place: string;
	at: number;
	/** Empty for a letter (công văn), which has no title: its subject is `summary`. */
	title: string;
	subject?: string[];
	/** A letter's trích yếu, "V/v …", under its number at left. */
	summary?: string;
	/** "Chủ tịch UBND thành phố Đà Nẵng" for "Kính gửi: …". */
	to?: string;
}

function rule(doc: Pdf, cx: number, y: number, length: number): void {
	doc
		.moveTo(cx - length / 2, y)
		.lineTo(cx + length / 2, y)
		.lineWidth(0.6)
		.stroke();
}

export function legalHeading(doc: Pdf, f: Frame): void {
	const top = MARGIN.top;
	const W = width(doc);
	const leftW = W * 0.4;
	const rightX = MARGIN.left + W * 0.4;
	const rightW = W * 0.6;
	const leftC = MARGIN.left + leftW / 2;
	const rightC = rightX + rightW / 2;

	let y = top;
	if (f.parent) {
		use(doc, 'regular', 12);
		write(doc, f.parent.toUpperCase(), MARGIN.left, y, { width: leftW, align: 'center' });
		y = doc.y;
	}
	use(doc, 'bold', 12);
	const body = f.body.toUpperCase();
	write(doc, body, MARGIN.left, y, { width: leftW, align: 'center' });
	const bodyW = Math.min(doc.widthOfString(body), leftW);
	rule(doc, leftC, doc.y + 4, bodyW * 0.4);
	let leftBottom = doc.y + 12;
	if (f.number) {
		use(doc, 'regular', BODY_SIZE);
		write(doc, `Số: ${f.number}`, MARGIN.left, leftBottom, { width: leftW, align: 'center' });
		leftBottom = doc.y;
	}
	if (f.summary) {
		use(doc, 'regular', 12);
		write(doc, f.summary, MARGIN.left, leftBottom + 2, { width: leftW, align: 'center' });
		leftBottom = doc.y;
	}

	const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
	use(doc, 'bold', 12);
	// The quốc hiệu stays on one line: smaller type rather than a wrap.
	const size = Math.min(12, (12 * rightW) / doc.widthOfString(nation));
	use(doc, 'bold', size);
	write(doc, nation, rightX, top, { width: rightW, align: 'center' });
	use(doc, 'bold', 13);
	const motto = 'Độc lập - Tự do - Hạnh phúc';
	write(doc, motto, rightX, doc.y, { width: rightW, align: 'center' });
	rule(doc, rightC, doc.y + 3, doc.widthOfString(motto));
	use(doc, 'italic', BODY_SIZE);
	write(doc, placeAndDate(f.place, f.at), rightX, doc.y + 10, { width: rightW, align: 'center' });

	doc.y = Math.max(doc.y, leftBottom) + 20;
	if (f.title) {
		use(doc, 'bold', 14);
		write(doc, f.title.toUpperCase(), MARGIN.left, doc.y, { width: W, align: 'center' });
		let subjectW = 0;
		for (const line of f.subject ?? []) {
			use(doc, 'bold', BODY_SIZE);
			write(doc, line, MARGIN.left, doc.y, { width: W, align: 'center' });
			subjectW = Math.max(subjectW, Math.min(doc.widthOfString(line), W));
		}
		rule(doc, MARGIN.left + W / 2, doc.y + 5, Math.max(subjectW * 0.35, 60));
		doc.y += 18;
	}
	if (f.to) {
		use(doc, 'regular', 14);
		write(doc, `Kính gửi: ${f.to}`, MARGIN.left, doc.y, { width: W, align: 'center' });
		doc.y += 10;
	}
	use(doc, 'regular', BODY_SIZE);
	doc.x = MARGIN.left;
}

export interface Signer {
	/** "TM. HỘI ĐỒNG", "KT. CHỦ TỊCH": none on minutes and score sheets. */
	authority: string[];
	title: string;
	name: string;
	/** "(Ký, ghi rõ họ tên)" on forms a person signs for themselves. */
	hint?: string;
}

/** A paragraph of the body: plain text, or with its own weight, size or no indent. */
export type LeadParagraph =
	string | { text: string; style?: Style; size?: number; indent?: boolean };
/** A short table that ends the body (a notice's result), kept whole with the signature. */
export interface LeadTable {
	table: { headers: string[]; rows: string[][]; fractions: number[]; size?: number };
}
export type Lead = LeadParagraph | LeadTable;

export interface Closing {
	/**
	 * The document's last parts, drawn here: they go onto the signature's page with it. At least
	 * two, each at least a line, so that the signature never stands on a page with fewer than two
	 * lines of the body (DOCUMENTS.md); a document passes as many as end its body.
	 */
	lead: [Lead, Lead, ...Lead[]];
	/** One line per recipient; the last is "Lưu: VT, …". */
	recipients?: string[];
	signers: Signer[];
}

const SIGN_SPACE = 64;

function signerHeight(doc: Pdf, s: Signer, w: number): number {
	use(doc, 'bold', BODY_SIZE);
	const lines = [...s.authority, s.title].join('\n');
	return measure(doc, lines, { width: w }) + (s.hint ? 16 : 0) + SIGN_SPACE + 20;
}

function recipientsHeight(doc: Pdf, list: string[], w: number): number {
	use(doc, 'regular', 11);
	return 16 + list.reduce((h, r) => h + measure(doc, `- ${r};`, { width: w }), 0);
}

const asParagraph = (p: LeadParagraph) => (typeof p === 'string' ? { text: p } : p);

function leadHeight(doc: Pdf, part: Lead, w: number): number {
	if (typeof part === 'object' && 'table' in part) {
		const t = part.table;
		return table(doc, t.headers, t.rows, t.fractions, t.size, { measureOnly: true });
	}
	const p = asParagraph(part);
	use(doc, p.style ?? 'regular', p.size ?? BODY_SIZE);
	// pdfkit's measure leaves out the gap paragraph() puts after every line break's paragraph.
	const gaps = 6 * p.text.split('\n').length;
	const h = measure(doc, p.text, { width: w, indent: p.indent === false ? 0 : 28 }) + gaps;
	use(doc, 'regular', BODY_SIZE);
	return h;
}

function drawLead(doc: Pdf, part: Lead): void {
	if (typeof part === 'object' && 'table' in part) {
		const t = part.table;
		table(doc, t.headers, t.rows, t.fractions, t.size);
		return;
	}
	const { text, ...opts } = asParagraph(part);
	paragraph(doc, text, opts);
}

/** The last paragraphs, then recipients at left and the signature blocks at right, kept together. */
export function closing(doc: Pdf, c: Closing): void {
	const W = width(doc);
	const recipients = c.recipients ?? [];
	const single = c.signers.length === 1;
	const blockW = single ? W * 0.5 : W / c.signers.length;
	const signH = Math.max(...c.signers.map((s) => signerHeight(doc, s, blockW)));
	const recH = recipients.length ? recipientsHeight(doc, recipients, W * 0.45) : 0;
	// Under two signatures (minutes) the recipients come below the names, a line apart.
	const recGap = single ? 0 : 12;
	const blockH = single ? Math.max(signH, recH) : signH + recGap + recH;
	const heights = c.lead.map((part) => leadHeight(doc, part, W));
	const from = (i: number) => heights.slice(i).reduce((a, b) => a + b, 0);
	// A lead taller than a page flows from here: its first parts are drawn now, and the last
	// ones, two at least, go with the signature.
	let kept = 0;
	while (c.lead.length - kept > 2 && from(kept) + blockH + 12 > bottom(doc) - MARGIN.top) kept++;
	for (const part of c.lead.slice(0, kept)) drawLead(doc, part);
	// The signature never stands alone: the body's last parts move with it when it would not fit.
	if (doc.y + from(kept) + blockH + 12 > bottom(doc)) {
		doc.addPage();
		doc.y = MARGIN.top;
	}
	for (const part of c.lead.slice(kept)) drawLead(doc, part);
	doc.y += 10;
	const top = doc.y;
	c.signers.forEach((s, i) => {
		const x = single ? MARGIN.left + W * 0.5 : MARGIN.left + i * blockW;
		let y = top;
		use(doc, 'bold', BODY_SIZE);
		for (const line of [...s.authority, s.title]) {
			write(doc, line.toUpperCase(), x, y, { width: blockW, align: 'center' });
			y = doc.y;
		}
		if (s.hint) {
			use(doc, 'italic', 11);
			write(doc, s.hint, x, y, { width: blockW, align: 'center' });
			y = doc.y;
		}
		use(doc, 'bold', BODY_SIZE);
		write(doc, s.name || ' ', x, y + SIGN_SPACE, { width: blockW, align: 'center' });
	});
	const recTop = single ? top : top + signH + recGap;
	if (recipients.length) {
		use(doc, 'bold-italic', 12);
		write(doc, 'Nơi nhận:', MARGIN.left, recTop, { width: W * 0.45 });
		use(doc, 'regular', 11);
		recipients.forEach((r, i) => {
			const end = i === recipients.length - 1 ? '.' : ';';
			write(doc, `- ${r}${end}`, MARGIN.left, doc.y, { width: W * 0.45 });
		});
	}
	doc.y = top + blockH;
	doc.x = MARGIN.left;
	use(doc, 'regular', BODY_SIZE);
}

/**
 * Page numbers at the top centre from the second page, and an optional discreet line at the foot
 * of the last page (how to check the document), not a part of its text.
 */
export function finish(doc: Pdf, check?: string): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const saved = doc.page.margins;
		doc.page.margins = { ...saved, top: 0, bottom: 0 };
		if (i > range.start) {
			use(doc, 'regular', 12);
			write(doc, String(i - range.start + 1), MARGIN.left, MARGIN.top - 30, {
				width: width(doc),
				align: 'center',
				lineBreak: false
			});
		}
		if (check && i === range.start + range.count - 1) {
			use(doc, 'italic', 7);
			write(doc, check, MARGIN.left, doc.page.height - MARGIN.bottom + 24, {
				width: width(doc),
				align: 'left',
				lineBreak: false
			});
		}
		doc.page.margins = saved;
	}
}
