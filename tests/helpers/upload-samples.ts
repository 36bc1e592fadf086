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
