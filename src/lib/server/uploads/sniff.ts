// What an uploaded file really is, read from its bytes (never its name or declared type).
//
// The rule, on purpose stricter than browsers:
// 1. The file must START with the signature of PDF, JPEG, PNG or WebP (offset 0; PDF readers
//    tolerate junk before "%PDF-", which is exactly how polyglots hide, so we do not).
// 2. No file may contain markup that a browser would run or render: "<script", "<html",
//    "<!doctype html", "<svg", "<iframe", "<object", "<embed", "javascript:" (any case).
//    Such bytes have no business in evidence and are the tell of an HTML/image polyglot.
// 3. An image must not carry a second format's header ("%PDF-", a ZIP "PK\3\4"): a
//    JPEG/PDF or PNG/ZIP polyglot. (A PDF may legitimately embed JPEG streams, so rule 3 is for
//    images only.)
// 4. A PDF must not carry active content: /JavaScript, /JS, /Launch, /XFA, an attached file
//    (/EmbeddedFile, /EmbeddedFiles, /FileAttachment, a file specification's /EF). Names are read
//    as a PDF reader reads them, `#xx` escapes decoded (`/Java#53cript` is /JavaScript), in the
//    file and in its object streams (/ObjStm, where PDF 1.5 keeps dictionaries) decoded through
//    their filters (Flate, ASCIIHex, ASCII85, LZW, RunLength, alone or chained). An object stream
//    this check cannot decode is refused ('pdf-unreadable'), and so is a file whose object streams
//    decode to more than PDF_DECODE_BUDGET together ('pdf-too-packed'). See scanPdf.
// Other compressed streams (pages, images, fonts) are not decoded: they could still hide bytes
// from rules 2 and 4 (a script's text, not the key that makes a reader run it); that is why files
// are also served as attachments under a sandboxing CSP (see routes/files/[id]).

import { DECODERS, filtersOf, OverBudget, type Filter } from './pdf-filters';

export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

export type SniffProblem =
	| 'unknown-type'
	| 'markup'
	| 'polyglot'
	| 'active-pdf'
	| 'pdf-unreadable'
	| 'pdf-too-packed'
	| 'empty';

export type SniffResult =
	{ ok: true; mime: AllowedType; ext: string } | { ok: false; problem: SniffProblem };

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
	if (bytes.length < at + sig.length) return false;
	return sig.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function signatureOf(bytes: Uint8Array): { mime: AllowedType; ext: string } | null {
	if (startsWith(bytes, ascii('%PDF-'))) return { mime: 'application/pdf', ext: 'pdf' };
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
		return { mime: 'image/png', ext: 'png' };
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
		return { mime: 'image/webp', ext: 'webp' };
	return null;
}

const MARKUP = [
	'<script',
	'<html',
	'<!doctype html',
	'<iframe',
	'<object',
	'<embed',
	'javascript:'
];
/** `<svg` only as a browser reads a tag: followed by a space, `/` or `>` (four bytes alone turn up by chance in image data). */
const SVG_TAG = /<svg[\s/>]/;
/**
 * The keys that make a reader run or carry something: scripts, launches, forms, attached files
 * (a name tree of /EmbeddedFiles, a /FileAttachment annotation, a file specification's /EF, whose
 * value is a dictionary or a reference, and an /EmbeddedFile stream, whose /Type is optional).
 */
const PDF_ACTIVE = [
	/\/JavaScript\b/,
	// /JS with its value: a string, a hex string or a reference (what a reader runs). Three bytes
	// alone turn up by chance in compressed image data: random 10 MB files were refused 3-8 times
	// in 10, a large scanned dossier page with them.
	// PDF whitespace includes NUL, and a comment counts as whitespace.
	/\/JS(?:[\s\0]|%[^\r\n]*[\r\n])*(?:\(|<(?!<)|\d+[\s\0]+\d+[\s\0]+R\b)/,
	/\/Launch\b/,
	/\/EmbeddedFiles?\b/,
	/\/FileAttachment\b/,
	/\/EF\s*(?:<<|\d+\s+\d+\s+R\b)/,
	/\/XFA\b/
];

/** PDF names as a reader sees them: each `#xx` in a name is the byte xx (PDF 1.7, 7.3.5). */
function decodePdfNames(text: string): string {
	if (!text.includes('#')) return text;
	return text.replace(/\/[^\s()<>[\]{}/%]*/g, (name) =>
		name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
	);
}

const isActive = (text: string) => {
	const names = decodePdfNames(text);
	return PDF_ACTIVE.some((re) => re.test(names));
};

/**
 * All the bytes decoded from one file's object streams together (every stream, every filter of
 * a chain). An evidence PDF needs a few MB at most; a file past this is a decompression bomb and
 * is refused, whatever each stream holds.
 */
export const PDF_DECODE_BUDGET = 32 * 1024 * 1024;

const isRegularChar = (c: number) =>
	c > 0x20 && c < 0x7f && !'()<>[]{}/%'.includes(String.fromCharCode(c));

/** What a check of a PDF found: the first problem (or none) and what it cost. */
export interface PdfScan {
	problem: 'active-pdf' | 'pdf-unreadable' | 'pdf-too-packed' | null;
	/** Streams decoded as object streams (or probed as possibly one). */
	objectStreams: number;
	/** Bytes decoded in all, every filter of every stream; at most PDF_DECODE_BUDGET. */
	decodedBytes: number;
}

/**
 * Active content in a PDF (its text read as latin1, one char a byte), in the file as it is and in
 * every object stream (/ObjStm, where PDF 1.5 keeps dictionaries), decoded through its filters.
 *
 * One forward pass with indexOf, so the work grows with the file, never with its square (a
 * regular expression looking 2,000 characters past every `obj` once held the server 15 s). A
 * stream is the data after a `stream` keyword up to the next `endstream` or `stream`. Its
 * dictionary is read in everything since the last `endstream`, not in a window before it (a
 * padded dictionary once hid the stream's type), so an `obj` or `stream` faked inside a string
 * does not cut it off from its type either. (This reads the text, not the cross-reference table
 * as a reader does: an `endstream` faked inside a string of the dictionary still would. Files are
 * served as attachments under a sandboxing CSP for such gaps.) An object stream is decoded and
 * scanned, then dropped:
 * - marked /Type /ObjStm: a filter this check cannot decode (DCT, JPX, JBIG2, CCITT, Crypt, a
 *   /Predictor, a filter given by reference) or data its filter refuses makes the file
 *   'pdf-unreadable' (an encrypted file's object streams among them): a reader could still find
 *   a script there;
 * - with /First but no /ObjStm (a reader does not need the /Type, but outlines use /First too): its
 *   first bytes are decoded, and the whole stream when they begin like an object stream;
 * - every byte decoded counts against PDF_DECODE_BUDGET; past it the file is 'pdf-too-packed'.
 */
export function scanPdf(text: string, budgetBytes = PDF_DECODE_BUDGET): PdfScan {
	const budget = { left: budgetBytes };
	const result = (problem: PdfScan['problem']): PdfScan => ({
		problem,
		objectStreams: count,
		decodedBytes: budgetBytes - budget.left
	});
	let count = 0;
	if (isActive(text)) return result('active-pdf');
	// What the text since the last `endstream` says, read a piece at a time (each byte once).
	let objStm = false;
	let first = false;
	let predictor = false;
	let filters: ReturnType<typeof filtersOf> = null;
	let read = 0;
	const absorb = (to: number) => {
		if (to <= read) return;
		const piece = decodePdfNames(text.slice(read, to));
		read = to;
		objStm ||= /\/ObjStm\b/.test(piece);
		first ||= /\/First\b/.test(piece);
		predictor ||= /\/Predictor\s+(?:[2-9]|\d\d)/.test(piece);
		if (piece.includes('/Filter')) filters = filtersOf(piece);
	};
	for (let at = text.indexOf('stream'); at >= 0; at = text.indexOf('stream', at + 6)) {
		if (text.startsWith('end', at - 3)) {
			absorb(at - 3);
			read = at + 6;
			objStm = first = predictor = false;
			filters = null;
			continue;
		}
		if (isRegularChar(text.charCodeAt(at - 1)) || isRegularChar(text.charCodeAt(at + 6))) continue;
		absorb(at);
		if (!objStm && !first) continue;
		// The data begins after the end of the keyword's line (pdf.js reads it so).
		let start = at + 6;
		while (text[start] === ' ' || text[start] === '\t') start++;
		if (text[start] === '\r') start++;
		if (text[start] === '\n') start++;
		let end = text.indexOf('stream', start);
		if (end < 0) end = text.length;
		else if (text.startsWith('end', end - 3)) end -= 3;
		count++;
		const strong = objStm;
		if (filters === 'unknown' || predictor) {
			if (strong) return result('pdf-unreadable');
			continue;
		}
		const chain: Filter[] = filters ?? [];
		// Unfiltered, its bytes were read above with the rest of the file.
		if (chain.length === 0) continue;
		const data = Buffer.from(text.slice(start, end), 'latin1');
		const decode = (input: Buffer) => chain.reduce((bytes, f) => DECODERS[f](bytes, budget), input);
		try {
			if (!strong) {
				// Only the head, to see whether it begins `objnum offset` as an object stream does.
				const head = decode(data.subarray(0, 512)).subarray(0, 64).toString('latin1');
				if (!/^\s*\d+\s+\d+\s/.test(head)) continue;
			}
			if (isActive(decode(data).toString('latin1'))) return result('active-pdf');
		} catch (e) {
			if (e instanceof OverBudget) return result('pdf-too-packed');
			if (strong) return result('pdf-unreadable');
		}
	}
	return result(null);
}

export function sniff(bytes: Uint8Array): SniffResult {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	const sig = signatureOf(bytes);
	if (!sig) return { ok: false, problem: 'unknown-type' };
	// latin1 maps every byte to one char, so offsets and binary data survive the search.
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	const lower = text.toLowerCase();
	if (MARKUP.some((m) => lower.includes(m)) || SVG_TAG.test(lower))
		return { ok: false, problem: 'markup' };
	if (sig.mime !== 'application/pdf' && (text.includes('%PDF-') || text.includes('PK\u0003\u0004')))
		return { ok: false, problem: 'polyglot' };
	if (sig.mime === 'application/pdf') {
		const { problem } = scanPdf(text);
		if (problem) return { ok: false, problem };
	}
	return { ok: true, ...sig };
}

/**
 * The client's file name reduced to safe metadata: no folders, no control or reserved
 * characters, bounded length. It is only ever displayed and used in Content-Disposition.
 */
export function sanitizeName(raw: string, maxLength: number): string {
	const base = raw.split(/[\\/]/).pop() ?? '';
	const clean = base
		.normalize('NFC')
		// C0, DEL, C1 and the bidi overrides and isolates (as domain/plain-text.ts): a name such as
		// `hoa-don\u202Efdp.exe` must not read as another file on the page.
		// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
		.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"<>:|?*]/g, '')
		.replace(/^\.+/, '')
		.trim();
	// Cut by characters, not UTF-16 units: half an emoji is a lone surrogate, stored as bytes
	// that are no UTF-8 and shown as three replacement characters.
	return [...clean].slice(0, maxLength).join('') || 'file';
}

/** Whether the name the client sent tries to leave the folder (reported, then ignored). */
export function isTraversalName(raw: string): boolean {
	return (
		/(^|[\\/])\.\.([\\/]|$)/.test(raw) ||
		/^[\\/]/.test(raw) ||
		/^[a-zA-Z]:[\\/]/.test(raw) ||
		raw.includes('\u0000')
	);
}
