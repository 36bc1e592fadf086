// Small genuine and hostile files for the upload tests (built in memory, no fixtures on disk).
import { deflateSync } from 'node:zlib';

const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | string)[]) => {
	const chunks = parts.map((p) => (typeof p === 'string' ? enc(p) : p));
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
};

const PDF = enc(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);
const JPEG = new Uint8Array([
	0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9
]);
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
	0, 0, 0, 1, 8, 2, 0, 0, 0
]);
const WEBP = cat('RIFF', new Uint8Array([26, 0, 0, 0]), 'WEBPVP8 ', new Uint8Array(14));

export const samples = {
	pdf: { bytes: PDF, mime: 'application/pdf', ext: 'pdf', name: 'giay-chung-nhan.pdf' },
	jpeg: { bytes: JPEG, mime: 'image/jpeg', ext: 'jpg', name: 'anh-san-pham.jpg' },
	png: { bytes: PNG, mime: 'image/png', ext: 'png', name: 'nhan-mac.png' },
	webp: { bytes: WEBP, mime: 'image/webp', ext: 'webp', name: 'bao-bi.webp' }
};

export const hostile = {
	htmlAsPdf: enc(
		'<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'
	),
	svg: enc('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
	jpegWithHtml: cat(JPEG, '<html><script>alert(1)</script></html>'),
	jpegPdf: cat(JPEG, PDF),
	junkThenPdf: cat('GIF89a', PDF),
	pngZip: cat(PNG, new Uint8Array([0x50, 0x4b, 3, 4]), 'payload'),
	pdfWithJs: cat(
		'%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n'
	),
	pdfWithScript: cat(PDF, '<script>alert(1)</script>'),
	// Found from outside: a reader decodes #xx in names, so these are /JavaScript, /JS, /Launch.
	pdfWithEscapedJs: cat(
		'%PDF-1.4\n1 0 obj<</OpenAction<</S/Java#53cript/J#53(app.alert(1))>>>>endobj\n'
	),
	pdfWithEscapedLaunch: cat('%PDF-1.4\n1 0 obj<</OpenAction<</S/Launc#68/F(calc.exe)>>>>endobj\n'),
	// PDF 1.5 keeps dictionaries in compressed object streams, out of plain sight.
	pdfWithJsInObjectStream: objectStreamPdf('<</S/JavaScript/JS(app.alert(1))>>', '/Type/ObjStm'),
	pdfWithJsInEscapedObjectStream: objectStreamPdf('<</S/JavaScript/JS(1)>>', '/Type/Obj#53tm')
};

/** A PDF whose one object stream (FlateDecode) holds `object`. */
function objectStreamPdf(object: string, type: string): Uint8Array {
	const body = deflateSync(Buffer.from(`5 0 ${object}`, 'latin1'));
	return cat(
		`%PDF-1.5\n4 0 obj<<${type}/N 1/First 4/Filter/FlateDecode/Length ${body.length}>>stream\n`,
		new Uint8Array(body),
		'\nendstream\nendobj\n%%EOF\n'
	);
}

/** A genuine PDF 1.5 whose object stream holds only a page tree. */
export const objectStreamSample = objectStreamPdf('<</Type/Pages/Kids[]/Count 0>>', '/Type/ObjStm');

/**
 * A PDF 1.5 whose one object stream holds `object` (as object 5), its dictionary given whole
 * (`dict`, without `<<>>`) and its data already encoded.
 */
export function encodedObjectStreamPdf(dict: string, data: Uint8Array | string): Uint8Array {
	return cat(
		'%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 5 0 R>>endobj\n',
		`4 0 obj<<${dict}>>stream\n`,
		data,
		'\nendstream\nendobj\n%%EOF\n'
	);
}

/** The body of an object stream that holds `object` as object 5. */
export const objectStreamBody = (object: string) => Buffer.from(`5 0 ${object}`, 'latin1');

/** ASCII85Encode (PDF 1.7, 7.4.3), with its `~>`. */
export function ascii85(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 4) {
		const n = Math.min(4, bytes.length - i);
		let v = 0;
		for (let k = 0; k < 4; k++) v = v * 256 + (k < n ? bytes[i + k] : 0);
		if (v === 0 && n === 4) {
			out += 'z';
			continue;
		}
		const digits: string[] = [];
		for (let k = 0; k < 5; k++) {
			digits.unshift(String.fromCharCode(33 + (v % 85)));
			v = Math.floor(v / 85);
		}
		out += digits.slice(0, n + 1).join('');
	}
	return out + '~>';
}

/**
 * RunLengthEncode as literal runs of two bytes (PDF 1.7, 7.4.5), with its end byte: no three
 * bytes of the input stay side by side, so no name of it can be read undecoded.
 */
export function runLength(bytes: Uint8Array): Uint8Array {
	const out: number[] = [];
	for (let i = 0; i < bytes.length; i += 2) {
		const run = bytes.subarray(i, i + 2);
		out.push(run.length - 1, ...run);
	}
	return new Uint8Array([...out, 128]);
}

/** LZWEncode with EarlyChange 1 (PDF 1.7, 7.4.4): a clear code, the codes, the end code. */
export function lzw(bytes: Uint8Array): Uint8Array {
	const out: number[] = [];
	let acc = 0;
	let bits = 0;
	let width = 9;
	const emit = (code: number) => {
		acc = (acc << width) | code;
		bits += width;
		while (bits >= 8) {
			out.push((acc >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
		acc &= (1 << bits) - 1;
	};
	const table = new Map<string, number>();
	let next = 258;
	emit(256);
	let w = '';
	for (const b of bytes) {
		const wc = w + String.fromCharCode(b);
		if (wc.length === 1 || table.has(wc)) {
			w = wc;
			continue;
		}
		emit(w.length === 1 ? w.charCodeAt(0) : table.get(w)!);
		table.set(wc, next++);
		// The decoder adds each entry one code later, so it widens at the same code as this.
		if (next >= 1 << width && width < 12) width++;
		w = String.fromCharCode(b);
	}
	if (w) emit(w.length === 1 ? w.charCodeAt(0) : table.get(w)!);
	emit(257);
	if (bits > 0) out.push((acc << (8 - bits)) & 0xff);
	return new Uint8Array(out);
}
