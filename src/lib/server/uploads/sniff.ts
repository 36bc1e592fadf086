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
// 4. A PDF must not carry active content: /JavaScript, /JS, /Launch, /EmbeddedFile, /XFA.
// Compressed PDF streams could still hide bytes from rules 2 and 4; that is why files are also
// served as attachments under a sandboxing CSP (see routes/files/[id]).

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
	if (sig.mime === 'application/pdf' && PDF_ACTIVE.some((re) => re.test(text)))
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
		.trim()
		.slice(0, maxLength);
	return clean || 'file';
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
