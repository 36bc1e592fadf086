// The Vietnamese administrative page (Nghị định 30/2020, Phụ lục I) on pdfkit: A4, margins of
// 20 mm top and bottom, 30 mm left, 17.5 mm right, body in 13 pt serif, justified, first-line
// indent 1 cm, paragraphs 6 pt apart. Text goes through `write`, which sets each run in the first
// embedded font that has its glyphs (fonts.ts), so no character prints as an empty box.

import PDFDocument from 'pdfkit';
import { STYLES, facesOf, parsedFont, runs, type Style } from './fonts';
import { output } from './signing';
import { formatAverage } from '../../i18n/format';

export type Pdf = PDFKit.PDFDocument;
export const MARGIN = { top: 57, bottom: 57, left: 85, right: 50 };
export const BODY_SIZE = 13;
const INDENT = 28;

const current = new WeakMap<Pdf, { style: Style; size: number }>();

export function newPdf(title: string, layout: 'portrait' | 'landscape' = 'portrait'): Pdf {
	const doc = new PDFDocument({
		size: 'A4',
		layout,
		margins: MARGIN,
		info: { Title: title, Creator: 'OCOP online council' },
		bufferPages: true
	});
	for (const style of STYLES)
		for (const face of facesOf(style)) doc.registerFont(face.name, face.bytes);
	if (++documents % CHECK_EVERY === 0)
		for (const face of STYLES.flatMap(facesOf)) {
			const font = parsedFont(face.bytes)?.layout;
			const shared = font && layouts.get(font);
			if (shared && Object.keys(shared).length > MAX_WORDS) layouts.delete(font);
		}
	use(doc, 'regular', BODY_SIZE);
	return doc;
}

/** The finished file, signed with the issuing body's certificate when one is configured. */
export function toBuffer(doc: Pdf): Promise<Buffer> {
	return output(doc);
}

export const width = (doc: Pdf) => doc.page.width - MARGIN.left - MARGIN.right;
export const bottom = (doc: Pdf) => doc.page.height - MARGIN.bottom;

/** Selects a style and size for the following `write` and `measure` calls. */
export function use(doc: Pdf, style: Style, size: number): Pdf {
	current.set(doc, { style, size });
	return setFont(doc, facesOf(style)[0].name).fontSize(size);
}

/** pdfkit's per-document font object, as far as setFont touches it. */
interface EmbeddedFont {
	font?: object;
	subset?: object;
	layoutCache?: Record<string, unknown>;
}

/** Words laid out per font, shared by every document this process renders (see setFont). */
const layouts = new WeakMap<object, Record<string, unknown>>();
let documents = 0;
/** Documents between checks of the layouts' size, and the words kept per font at most. */
const CHECK_EVERY = 100;
const MAX_WORDS = 50_000;

/**
 * Selects a registered font, parsed once per process and with its word layouts shared by all
 * documents. pdfkit parses each font anew for every document, and lays text out word by word,
 * keeping each word's glyphs in a cache of that document's font object: every new document had
 * fontkit decode the OpenType tables and shape the same Vietnamese syllables again, two thirds of
 * a render's CPU. A layout depends only on the font file and the word (pdfkit keeps it scaled to
 * the font's own units) and is never changed once made, so the first time a document uses a
 * font, its font object is moved onto the process's parsed font (fonts.ts), with a fresh subset,
 * and onto that font's shared layouts; what is the document's own (the subset of glyphs it
 * embeds, their widths and character map) stays its own. Bounded: past MAX_WORDS a font's layouts
 * start again.
 */
function setFont(doc: Pdf, name: string): Pdf {
	doc.font(name);
	const embedded = (doc as unknown as { _font?: EmbeddedFont })._font;
	const src = (doc as unknown as { _fontSource?: unknown })._fontSource;
	const fonts = src instanceof Uint8Array ? parsedFont(src) : undefined;
	// Already moved (the document used this font before), or not one of ours.
	if (!embedded?.layoutCache || !fonts || embedded.font === fonts.layout) return doc;
	let shared = layouts.get(fonts.layout);
	if (!shared) layouts.set(fonts.layout, (shared = Object.create(null) as Record<string, unknown>));
	embedded.font = fonts.layout;
	embedded.subset = fonts.embed.createSubset();
	embedded.layoutCache = shared;
	return doc;
}

type TextOptions = PDFKit.Mixins.TextOptions;

/** Text in the current style, each run in a font that has its glyphs. */
export function write(
	doc: Pdf,
	text: string,
	x?: number,
	y?: number,
	opts: TextOptions = {}
): void {
	const { style } = current.get(doc) ?? { style: 'regular' as Style };
	const parts = runs(text, style);
	const main = facesOf(style)[0].name;
	if (parts.length <= 1) {
		setFont(doc, parts[0]?.face.name ?? main).text(parts[0]?.text ?? '', x, y, opts);
	} else {
		parts.forEach((p, i) => {
			const o = { ...opts, continued: i < parts.length - 1 };
			setFont(doc, p.face.name);
			if (i === 0) doc.text(p.text, x, y, o);
			else doc.text(p.text, o);
		});
	}
	setFont(doc, main);
}

/** Height of text in the current style (measured in the main face: fallbacks are rare glyphs). */
export function measure(doc: Pdf, text: string, opts: TextOptions): number {
	return doc.heightOfString(text, opts);
}

/** Starts a new page unless `height` more points fit on this one. */
export function ensureRoom(doc: Pdf, height: number): void {
	if (doc.y + height > bottom(doc)) {
		doc.addPage();
		doc.y = MARGIN.top;
	}
}

/** A body paragraph: justified, first-line indent, 6 pt after. */
export function paragraph(
	doc: Pdf,
	text: string,
	opts: { style?: Style; indent?: boolean; size?: number } = {}
): void {
	use(doc, opts.style ?? 'regular', opts.size ?? BODY_SIZE);
	write(doc, text, MARGIN.left, doc.y, {
		width: width(doc),
		align: 'justify',
		indent: opts.indent === false ? 0 : INDENT,
		paragraphGap: 6
	});
	use(doc, 'regular', BODY_SIZE);
}

/** A heading that keeps with what follows: never the last line of a page. */
export function section(doc: Pdf, text: string, keep = 3 * BODY_SIZE * 1.3): void {
	use(doc, 'bold', BODY_SIZE);
	const h = measure(doc, text, { width: width(doc) });
	ensureRoom(doc, h + 6 + keep);
	doc.y += 4;
	paragraph(doc, text, { style: 'bold', indent: false });
}

export interface TableOptions {
	/** A row's weight or slant (regular by default). */
	style?: (row: number) => Style;
	/** A row that must share its page with the next one (a criterion and its first option). */
	keepWithNext?: (row: number) => boolean;
	/** Draws nothing: returns the height the table takes on one page. */
	measureOnly?: boolean;
}

/**
 * A bordered table with wrapped cells; a row of one cell spans the table. The header keeps with
 * the first row, a row never splits or runs past the margin, and after a page break the header
 * is repeated and the rows go on in their own weight.
 */
export function table(
	doc: Pdf,
	headers: string[],
	rows: string[][],
	fractions: number[],
	size = 10,
	opts: TableOptions = {}
): number {
	const full = width(doc);
	const widths = fractions.map((f) => f * full);
	const pad = 3;
	const cellWidths = (cells: string[]) => (cells.length === 1 ? [full] : widths);
	const styleOf = (i: number): Style => opts.style?.(i) ?? 'regular';
	const heightOf = (cells: string[], style: Style) => {
		use(doc, style, size);
		const ws = cellWidths(cells);
		const hs = cells.map((c, i) => measure(doc, c, { width: ws[i] - 2 * pad }));
		return Math.max(...hs) + 2 * pad + 1;
	};
	const drawRow = (cells: string[], style: Style, h: number) => {
		const y = doc.y;
		let x = MARGIN.left;
		const ws = cellWidths(cells);
		cells.forEach((c, i) => {
			doc.rect(x, y, ws[i], h).stroke();
			use(doc, style, size);
			// The height bound stops pdfkit from flowing a cell onto a page of its own.
			write(doc, c, x + pad, y + pad, { width: ws[i] - 2 * pad, height: h - pad });
			x += ws[i];
		});
		doc.x = MARGIN.left;
		doc.y = y + h;
	};
	const heights = rows.map((row, i) => heightOf(row, styleOf(i)));
	const headH = heightOf(headers, 'bold');
	if (opts.measureOnly) return headH + heights.reduce((a, b) => a + b, 0) + 8;
	ensureRoom(doc, headH + (heights[0] ?? 0) + (opts.keepWithNext?.(0) ? (heights[1] ?? 0) : 0));
	drawRow(headers, 'bold', headH);
	rows.forEach((row, i) => {
		const keep = opts.keepWithNext?.(i) ? (heights[i + 1] ?? 0) : 0;
		if (doc.y + heights[i] + keep > bottom(doc)) {
			doc.addPage();
			doc.y = MARGIN.top;
			drawRow(headers, 'bold', headH);
		}
		drawRow(row, styleOf(i), heights[i]);
	});
	doc.y += 8;
	use(doc, 'regular', BODY_SIZE);
	return 0;
}

/** Points with Vietnamese decimal comma: 80.5 → "80,5". For totals, maxima and spreads. */
export function num(value: number | null): string {
	return value === null ? '—' : String(value).replace('.', ',');
}

/**
 * An average (the council's, a part's, a criterion's) with exactly two decimals, rounded half
 * up, as RULES.md asks: 75 → "75,00", 82.667 → "82,67". A bare "75" would read like a total.
 */
export function avg(value: number | null): string {
	return formatAverage(value, 'vi');
}

/** HH giờ mm ngày dd/mm/yyyy in Việt Nam time. */
export function vnTime(ms: number): string {
	const d = new Date(ms + 7 * 3_600_000);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(d.getUTCHours())} giờ ${two(d.getUTCMinutes())} ngày ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * "Đà Nẵng, ngày 05 tháng 02 năm 2026": days under 10 and the months 1 and 2 take a leading zero
 * (Nghị định 30/2020, Phụ lục I), in Việt Nam time.
 */
export function placeAndDate(place: string, ms: number): string {
	const d = new Date(ms + 7 * 3_600_000);
	const day = String(d.getUTCDate()).padStart(2, '0');
	const month = d.getUTCMonth() + 1;
	const m = month <= 2 ? `0${month}` : String(month);
	return `${place}, ngày ${day} tháng ${m} năm ${d.getUTCFullYear()}`;
}
