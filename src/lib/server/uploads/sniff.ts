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
// 4. A PDF must not carry active content: /JavaScript, /JS, /Launch, /EmbeddedFile, /XFA. Names
//    are read as a PDF reader reads them, `#xx` escapes decoded (`/Java#53cript` is /JavaScript),
//    in the file and in its compressed object streams (/ObjStm, where PDF 1.5 keeps dictionaries).
// Other compressed streams could still hide bytes from rules 2 and 4 (a script's text, not the key
// that makes a reader run it); that is why files are also served as attachments under a
// sandboxing CSP (see routes/files/[id]).

import { constants as zlibConstants, inflateSync } from 'node:zlib';

export const ALLOWED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

export type SniffProblem = 'unknown-type' | 'markup' | 'polyglot' | 'active-pdf' | 'empty';

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
	'<svg',
	'<iframe',
	'<object',
	'<embed',
	'javascript:'
];
const PDF_ACTIVE = [/\/JavaScript\b/, /\/JS\b/, /\/Launch\b/, /\/EmbeddedFile\b/, /\/XFA\b/];

/** PDF names as a reader sees them: each `#xx` in a name is the byte xx (PDF 1.7, 7.3.5). */
function decodePdfNames(text: string): string {
	return text.replace(/\/[^\s()<>[\]{}/%]*/g, (name) =>
		name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
	);
}

/** Each object stream inflated holds at most this much; a bomb stops there. */
const OBJECT_STREAM_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The decompressed text of the file's object streams (`/Type /ObjStm`, FlateDecode): the
 * dictionaries a PDF 1.5 file keeps out of plain sight. A truncated stream gives what it has.
 */
function objectStreams(text: string): string[] {
	const out: string[] = [];
	const header = /\bobj\b([\s\S]{0,2000}?)\bstream\r?\n/g;
	for (let m = header.exec(text); m; m = header.exec(text)) {
		const dict = decodePdfNames(m[1]);
		if (!/\/ObjStm\b/.test(dict) || !/\/FlateDecode\b/.test(dict)) continue;
		const start = m.index + m[0].length;
		const end = text.indexOf('endstream', start);
		const data = Buffer.from(text.slice(start, end < 0 ? text.length : end), 'latin1');
		try {
			out.push(
				inflateSync(data, {
					maxOutputLength: OBJECT_STREAM_MAX_BYTES,
					finishFlush: zlibConstants.Z_SYNC_FLUSH
				}).toString('latin1')
			);
		} catch {
			// Not a deflate stream a reader could use either; its bytes were scanned as they are.
		}
		header.lastIndex = end < 0 ? text.length : end;
	}
	return out;
}

function hasActivePdfContent(text: string): boolean {
	const active = (t: string) => PDF_ACTIVE.some((re) => re.test(decodePdfNames(t)));
	return active(text) || objectStreams(text).some(active);
}

export function sniff(bytes: Uint8Array): SniffResult {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	const sig = signatureOf(bytes);
	if (!sig) return { ok: false, problem: 'unknown-type' };
	// latin1 maps every byte to one char, so offsets and binary data survive the search.
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	const lower = text.toLowerCase();
	if (MARKUP.some((m) => lower.includes(m))) return { ok: false, problem: 'markup' };
	if (sig.mime !== 'application/pdf' && (text.includes('%PDF-') || text.includes('PK\u0003\u0004')))
		return { ok: false, problem: 'polyglot' };
	if (sig.mime === 'application/pdf' && hasActivePdfContent(text))
		return { ok: false, problem: 'active-pdf' };
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
