// The Vietnamese administrative page (Nghị định 30/2020 layout) on pdfkit: issuing body at top
// left, quốc hiệu and tiêu ngữ at top right, place and date, a title in capitals, simple tables
// and signature blocks. Noto Serif (full Vietnamese glyphs) is embedded as TrueType subsets.

import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONT_DIR = '@expo-google-fonts/noto-serif';
const FONTS = {
	regular: require.resolve(`${FONT_DIR}/400Regular/NotoSerif_400Regular.ttf`),
	bold: require.resolve(`${FONT_DIR}/700Bold/NotoSerif_700Bold.ttf`),
	italic: require.resolve(`${FONT_DIR}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`)
};

export type Pdf = PDFKit.PDFDocument;
const MARGIN = { top: 56, bottom: 56, left: 70, right: 50 };

export function newPdf(title: string): Pdf {
	const doc = new PDFDocument({
		size: 'A4',
		margins: MARGIN,
		info: { Title: title, Creator: 'OCOP online council' },
		bufferPages: true
	});
	doc.registerFont('serif', FONTS.regular);
	doc.registerFont('serif-bold', FONTS.bold);
	doc.registerFont('serif-italic', FONTS.italic);
	doc.font('serif').fontSize(12);
	return doc;
}

export function toBuffer(doc: Pdf): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

const width = (doc: Pdf) => doc.page.width - MARGIN.left - MARGIN.right;

/** "Đà Nẵng, ngày 29 tháng 11 năm 2026" for an instant, in Việt Nam time. */
export function placeAndDate(place: string, ms: number): string {
	const d = new Date(ms + 7 * 3_600_000);
	return `${place}, ngày ${d.getUTCDate()} tháng ${d.getUTCMonth() + 1} năm ${d.getUTCFullYear()}`;
}

/** HH:mm ngày dd/mm/yyyy in Việt Nam time. */
export function vnTime(ms: number): string {
	const d = new Date(ms + 7 * 3_600_000);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(d.getUTCHours())} giờ ${two(d.getUTCMinutes())} ngày ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The two-column heading, place and date, and the title (with optional subtitle lines). */
export function heading(
	doc: Pdf,
	h: { authority: string; body: string; place: string; at: number; title: string; sub?: string[] }
): void {
	const top = doc.y;
	const left = MARGIN.left;
	const colW = width(doc) * 0.45;
	const rightX = left + width(doc) * 0.4;
	const rightW = width(doc) * 0.6;
	doc
		.font('serif')
		.fontSize(11)
		.text(h.authority.toUpperCase(), left, top, { width: colW, align: 'center' });
	doc.font('serif-bold').text(h.body.toUpperCase(), { width: colW, align: 'center' });
	const leftBottom = doc.y;
	doc.font('serif-bold').fontSize(11);
	doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
	doc.text('Độc lập - Tự do - Hạnh phúc', { width: rightW, align: 'center', underline: true });
	doc.moveDown(0.6);
	doc
		.font('serif-italic')
		.fontSize(11)
		.text(placeAndDate(h.place, h.at), { width: rightW, align: 'center' });
	doc.y = Math.max(doc.y, leftBottom) + 18;
	doc.x = left;
	doc
		.font('serif-bold')
		.fontSize(14)
		.text(h.title.toUpperCase(), left, doc.y, { width: width(doc), align: 'center' });
	for (const line of h.sub ?? [])
		doc
			.font('serif-bold')
			.fontSize(12)
			.text(line, { width: width(doc), align: 'center' });
	doc.moveDown(1);
	doc.font('serif').fontSize(12);
}

export function paragraph(
	doc: Pdf,
	text: string,
	opts: { bold?: boolean; italic?: boolean } = {}
): void {
	doc.font(opts.bold ? 'serif-bold' : opts.italic ? 'serif-italic' : 'serif').fontSize(12);
	doc.text(text, MARGIN.left, doc.y, { width: width(doc), align: 'justify' });
	doc.moveDown(0.3);
}

export function section(doc: Pdf, text: string): void {
	doc.moveDown(0.4);
	paragraph(doc, text, { bold: true });
}

/** A bordered table with wrapped cells; breaks pages and repeats the header. */
export function table(
	doc: Pdf,
	headers: string[],
	rows: string[][],
	fractions: number[],
	size = 10
): void {
	const total = width(doc);
	const widths = fractions.map((f) => f * total);
	const pad = 3;
	const drawRow = (cells: string[], bold: boolean) => {
		doc.font(bold ? 'serif-bold' : 'serif').fontSize(size);
		const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }));
		const h = Math.max(...heights) + 2 * pad;
		if (doc.y + h > doc.page.height - MARGIN.bottom) {
			doc.addPage();
			if (!bold) drawRow(headers, true);
		}
		const y = doc.y;
		let x = MARGIN.left;
		cells.forEach((c, i) => {
			doc.rect(x, y, widths[i], h).stroke();
			doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad });
			x += widths[i];
		});
		doc.x = MARGIN.left;
		doc.y = y + h;
	};
	drawRow(headers, true);
	for (const row of rows) drawRow(row, false);
	doc.moveDown(0.6);
	doc.font('serif').fontSize(12);
}

/** Signature blocks side by side: role in bold, "(Ký, ghi rõ họ tên)", space, then the name. */
export function signatures(doc: Pdf, blocks: { role: string; name: string }[]): void {
	if (doc.y + 120 > doc.page.height - MARGIN.bottom) doc.addPage();
	doc.moveDown(1);
	const top = doc.y;
	const w = width(doc) / blocks.length;
	blocks.forEach((b, i) => {
		const x = MARGIN.left + i * w;
		doc
			.font('serif-bold')
			.fontSize(12)
			.text(b.role.toUpperCase(), x, top, { width: w, align: 'center' });
		doc
			.font('serif-italic')
			.fontSize(11)
			.text('(Ký, ghi rõ họ tên)', x, doc.y, { width: w, align: 'center' });
		doc
			.font('serif-bold')
			.fontSize(12)
			.text(b.name, x, doc.y + 60, { width: w, align: 'center' });
	});
	doc.x = MARGIN.left;
	doc.moveDown(1);
}

/** Page numbers and the record reference in the footer of every page. */
export function footer(doc: Pdf, note: string): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const y = doc.page.height - MARGIN.bottom + 18;
		doc.font('serif').fontSize(8);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.text(`${note} · Trang ${i + 1}/${range.count}`, MARGIN.left, y, {
			width: width(doc),
			align: 'center',
			lineBreak: false
		});
		doc.page.margins.bottom = bottom;
	}
}

/** Points with Vietnamese decimal comma: 80.5 → "80,5". */
export function num(value: number | null): string {
	return value === null ? '—' : String(value).replace('.', ',');
}
