import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	isTraversalName,
	PDF_DECODE_BUDGET,
	sanitizeName,
	scanPdf,
	sniff
} from '../../src/lib/server/uploads/sniff';
import { numberedPdf } from '../helpers/sample-pdf';
import { seededRandom } from '../helpers/prng';
import {
	ascii85,
	encodedObjectStreamPdf,
	hostile,
	lzw,
	objectStreamBody,
	objectStreamSample,
	runLength,
	samples
} from '../helpers/upload-samples';

describe('upload sniffing by content', () => {
	it.each(Object.entries(samples))('accepts a genuine %s', (_, file) => {
		const r = sniff(file.bytes);
		expect(r).toEqual({ ok: true, mime: file.mime, ext: file.ext });
	});

	it.each([
		['HTML renamed .pdf', hostile.htmlAsPdf, 'unknown-type'],
		['SVG', hostile.svg, 'unknown-type'],
		['JPEG with an HTML tail', hostile.jpegWithHtml, 'markup'],
		['PDF/JPEG polyglot (JPEG first)', hostile.jpegPdf, 'polyglot'],
		['PDF preceded by junk', hostile.junkThenPdf, 'unknown-type'],
		['PNG with a ZIP inside', hostile.pngZip, 'polyglot'],
		['PDF with JavaScript', hostile.pdfWithJs, 'active-pdf'],
		['PDF with <script', hostile.pdfWithScript, 'markup'],
		['PDF with #-escaped /JavaScript and /JS', hostile.pdfWithEscapedJs, 'active-pdf'],
		['PDF with #-escaped /Launch', hostile.pdfWithEscapedLaunch, 'active-pdf'],
		['PDF with /JavaScript in an object stream', hostile.pdfWithJsInObjectStream, 'active-pdf'],
		['PDF with an escaped /ObjStm', hostile.pdfWithJsInEscapedObjectStream, 'active-pdf'],
		['empty', new Uint8Array(), 'empty']
	])('refuses %s', (_, bytes, problem) => {
		expect(sniff(bytes)).toEqual({ ok: false, problem });
	});

	it('accepts a PDF 1.5 whose object stream holds nothing active', () => {
		expect(sniff(objectStreamSample)).toEqual({ ok: true, mime: 'application/pdf', ext: 'pdf' });
	});

	it('accepts a large scan: bytes that only happen to spell /JS or <svg are not a key or a tag', () => {
		// Found in review: three bytes `/JS` turn up by chance in compressed image data, and 3-8
		// of 10 random 10 MB PDFs were refused as active. A key is read with its value.
		const rnd = seededRandom(20261208);
		for (let n = 0; n < 4; n++) {
			const scan = new Uint8Array(8 * 1024 * 1024);
			for (let i = 0; i < scan.length; i += 4) {
				const v = Math.floor(rnd.next() * 2 ** 32);
				scan[i] = v & 255;
				scan[i + 1] = (v >>> 8) & 255;
				scan[i + 2] = (v >>> 16) & 255;
				scan[i + 3] = v >>> 24;
			}
			// Sprinkled where the data happens to make them, as it would by chance.
			for (let k = 0; k < 40; k++) {
				const at = 1024 + Math.floor(rnd.next() * (scan.length - 2048));
				scan.set(latin1(rnd.chance(0.5) ? '/JS\x9a\x03' : '<svG\x7f'), at);
			}
			scan.set(latin1('%PDF-1.4\n1 0 obj<</Length 8388608>>stream\n'), 0);
			expect(sniff(scan)).toEqual(pdfOk);
		}
	});

	it.each([
		['a string', '/JS(app.alert(1))'],
		['a hex string', '/JS <6170702e616c6572742831293e>'],
		['a reference', '/JS 12 0 R'],
		['after NUL and a comment', '/JS\u0000%x\n(app.alert(1))']
	])('still refuses /JS with %s', (_, key) => {
		expect(sniff(latin1(`%PDF-1.4\n1 0 obj<</S/JavaScript${key}>>endobj\n`))).toEqual({
			ok: false,
			problem: 'active-pdf'
		});
		expect(sniff(latin1(`%PDF-1.4\n1 0 obj<</Type/Action${key}>>endobj\n`))).toEqual({
			ok: false,
			problem: 'active-pdf'
		});
	});

	it('still refuses an svg tag in a file', () => {
		expect(sniff(latin1('%PDF-1.4\n<svg onload=alert(1)>'))).toEqual({
			ok: false,
			problem: 'markup'
		});
		expect(sniff(latin1('%PDF-1.4\n<SVG/onload=alert(1)>'))).toEqual({
			ok: false,
			problem: 'markup'
		});
	});

	it('cuts a long name between characters, never inside an emoji', () => {
		const cut = sanitizeName('x'.repeat(119) + '😀.pdf', 120);
		expect(cut).toBe('x'.repeat(119) + '😀');
		expect(cut.isWellFormed()).toBe(true);
		expect(sanitizeName('😀'.repeat(200), 120)).toBe('😀'.repeat(120));
	});

	it('recognises path-traversal names and keeps only a safe base name', () => {
		for (const bad of [
			'../../etc/passwd',
			'..\\..\\win.ini',
			'/etc/passwd',
			'C:\\x.pdf',
			'a/../b.pdf'
		])
			expect(isTraversalName(bad)).toBe(true);
		for (const good of ['hồ sơ..pdf', 'ket-qua.pdf', '..hidden.png'])
			expect(isTraversalName(good)).toBe(false);
		expect(sanitizeName('Giấy chứng nhận "ATTP".pdf', 120)).toBe('Giấy chứng nhận ATTP.pdf');
		expect(sanitizeName('..hidden.png', 120)).toBe('hidden.png');
		expect(sanitizeName('\u0000\u0001', 120)).toBe('file');
	});

	it('drops C1 controls and bidi overrides, so a name cannot read as another file', () => {
		expect(sanitizeName('hoa-don\u202Efdp.exe', 120)).toBe('hoa-donfdp.exe');
		expect(sanitizeName('a\u2066b\u2069\u0085c.pdf', 120)).toBe('abc.pdf');
	});
});

const latin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const pdfOk = { ok: true, mime: 'application/pdf', ext: 'pdf' };
const js = '<</S/JavaScript/JS(app.alert(1))>>';
const body = objectStreamBody(js);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex') + '>';

// Found from outside (second pass): a regular expression that took 15 s on a 10 MB file, a
// decompression bomb of object streams, and active content the check did not see.
describe('PDF object streams: linear work, one budget, every filter', () => {
	// Each of these held the event loop for seconds (the first one 15-19 s) before: a test that
	// finishes at all within vitest's 5 s is the proof; no clock is read here.
	it.each([
		['`obj ` repeated to 10 MB', '%PDF-1.4\n' + 'obj '.repeat(2_600_000)],
		['`obj <<` repeated', '%PDF-1.4\n' + 'obj << '.repeat(1_400_000)],
		['`/Type/ObjStm stream` repeated', '%PDF-1.5\n' + '/Type/ObjStm stream\n'.repeat(500_000)],
		['`/First stream` repeated', '%PDF-1.5\n' + '/First 1 stream\n'.repeat(600_000)],
		['`/Filter[` and `stream` repeated', '%PDF-1.5\n/ObjStm' + '/Filter[ stream\n'.repeat(600_000)]
	])('reads %s in one pass', (_, text) => {
		const result = sniff(latin1(text));
		expect(result.ok || result.problem).not.toBe('active-pdf');
		expect(scanPdf(text).decodedBytes).toBeLessThanOrEqual(PDF_DECODE_BUDGET);
	});

	it('still accepts the 10 MB of `obj` (nothing in it is active)', () => {
		expect(sniff(latin1('%PDF-1.4\n' + 'obj '.repeat(2_600_000)))).toEqual(pdfOk);
	});

	/** `n` object streams of `each` spaces after `5 0 `, deflated; with or without their /Type. */
	function bomb(n: number, each: number, dict = '/Type/ObjStm/N 1/First 4/Filter/FlateDecode') {
		const z = deflateSync(Buffer.concat([Buffer.from('5 0 '), Buffer.alloc(each - 4, 0x20)]), {
			level: 9
		});
		const parts = [Buffer.from('%PDF-1.5\n')];
		for (let i = 1; i <= n; i++)
			parts.push(
				Buffer.from(`${i} 0 obj<<${dict}/Length ${z.length}>>stream\n`),
				z,
				Buffer.from('\nendstream\nendobj\n')
			);
		return new Uint8Array(Buffer.concat(parts));
	}

	it.each([
		['six object streams of 8 MiB each (one 8 MiB cap per stream before)', bomb(6, 8 << 20)],
		['sixty object streams of 1 MiB', bomb(60, 1 << 20)],
		['object streams without their /Type', bomb(6, 8 << 20, '/N 1/First 4/Filter/Fl')],
		[
			'a RunLength object stream that repeats one byte',
			encodedObjectStreamPdf(
				'/Type/ObjStm/N 1/First 4/Filter/RunLengthDecode',
				new Uint8Array(2_000_000).map((_, i) => (i % 2 ? 0x20 : 0x81))
			)
		]
	])('refuses %s as too packed, within the budget', (_, file) => {
		expect(sniff(file)).toEqual({ ok: false, problem: 'pdf-too-packed' });
		const scan = scanPdf(Buffer.from(file).toString('latin1'));
		expect(scan.decodedBytes).toBeLessThanOrEqual(PDF_DECODE_BUDGET);
	});

	it('accepts object streams that decode to less than the budget together', () => {
		const file = bomb(3, 8 << 20);
		expect(sniff(file)).toEqual(pdfOk);
		expect(scanPdf(Buffer.from(file).toString('latin1'))).toMatchObject({
			problem: null,
			objectStreams: 3,
			decodedBytes: 3 * (8 << 20)
		});
	});

	const objStm = '/Type/ObjStm/N 1/First 4';
	it.each([
		[
			'a dictionary padded past 2,000 characters',
			encodedObjectStreamPdf(`${objStm}/Filter/FlateDecode${' '.repeat(2100)}`, deflateSync(body))
		],
		[
			'padding between its /Type and the stream',
			encodedObjectStreamPdf(`${objStm}${' '.repeat(5000)}/Filter/FlateDecode`, deflateSync(body))
		],
		['/ASCIIHexDecode', encodedObjectStreamPdf(`${objStm}/Filter/ASCIIHexDecode`, hex(body))],
		['/AHx', encodedObjectStreamPdf(`${objStm}/Filter/AHx`, hex(body))],
		['/ASCII85Decode', encodedObjectStreamPdf(`${objStm}/Filter/ASCII85Decode`, ascii85(body))],
		['/LZWDecode', encodedObjectStreamPdf(`${objStm}/Filter/LZWDecode`, lzw(body))],
		['/RunLengthDecode', encodedObjectStreamPdf(`${objStm}/Filter/RL`, runLength(body))],
		[
			'a chain [/ASCIIHexDecode /FlateDecode]',
			encodedObjectStreamPdf(
				`${objStm}/Filter[/ASCIIHexDecode /FlateDecode]`,
				hex(deflateSync(body))
			)
		],
		[
			'a chain [/A85 /Fl] with #-escaped names',
			encodedObjectStreamPdf(`${objStm}/Filter[/A#385/F#6c]`, ascii85(deflateSync(body)))
		],
		[
			'no /Type, only /N and /First (a reader needs no more)',
			encodedObjectStreamPdf('/N 1/First 4/Filter/AHx', hex(body))
		],
		[
			'no /Type and a string faking `obj` and `stream`',
			encodedObjectStreamPdf('/N 1/First 4/X(obj stream\n)/Filter/AHx', hex(body))
		]
	])('refuses JavaScript in an object stream with %s', (_, file) => {
		expect(sniff(file)).toEqual({ ok: false, problem: 'active-pdf' });
	});

	it.each([
		['/DCTDecode', `${objStm}/Filter/DCTDecode`, hex(body)],
		['/JBIG2Decode in a chain', `${objStm}/Filter[/AHx/JBIG2Decode]`, hex(body)],
		['/Crypt', `${objStm}/Filter/Crypt`, hex(body)],
		['a filter given by reference', `${objStm}/Filter 9 0 R`, deflateSync(body)],
		[
			'a /Predictor',
			`${objStm}/Filter/Fl/DecodeParms<</Predictor 12/Columns 4>>`,
			deflateSync(body)
		],
		['Flate data zlib refuses (an encrypted file)', `${objStm}/Filter/FlateDecode`, 'not deflate'],
		[
			'a wrong Adler-32 checksum',
			`${objStm}/Filter/Fl`,
			deflateSync(body).map((b, i, a) => (i === a.length - 1 ? b ^ 1 : b))
		]
	])('refuses an object stream it cannot read: %s', (_, dict, data) => {
		expect(sniff(encodedObjectStreamPdf(dict, data))).toEqual({
			ok: false,
			problem: 'pdf-unreadable'
		});
	});

	it.each([
		[
			'a JPEG after an outline item (its /First)',
			'/Type/XObject/Subtype/Image/Filter/DCTDecode',
			'\xff\xd8\xff\xe0 jpeg'
		],
		[
			'a Flate image after an outline item',
			'/Type/XObject/Subtype/Image/Filter/FlateDecode',
			deflateSync(Buffer.from('\x00\x01\x02 pixels'))
		],
		['an unfiltered object stream', objStm, objectStreamBody('<</Type/Pages/Kids[]/Count 0>>')],
		['a harmless hex object stream', `${objStm}/Filter/AHx`, hex(objectStreamBody('<</Count 0>>'))]
	])('accepts %s', (_, dict, data) => {
		const outline = '%PDF-1.5\n3 0 obj<</Title(Mục 1)/First 6 0 R/Last 6 0 R>>endobj\n';
		const file = Buffer.concat([
			Buffer.from(outline),
			Buffer.from(encodedObjectStreamPdf(dict, data)).subarray(9)
		]);
		expect(sniff(new Uint8Array(file))).toEqual(pdfOk);
	});

	it("accepts the PDFs pdfkit writes (the app's own documents are made so)", async () => {
		expect(sniff(new Uint8Array(await numberedPdf(3)))).toEqual(pdfOk);
	});

	const attach = (objects: string) => latin1(`%PDF-1.7\n${objects}\n%%EOF\n`);
	it.each([
		[
			'an /EmbeddedFiles name tree',
			attach('1 0 obj<</Type/Catalog/Names<</EmbeddedFiles 5 0 R>>>>endobj')
		],
		[
			'a file specification with /EF',
			attach('6 0 obj<</Type/Filespec/F(a.exe)/EF<</F 7 0 R>>>>endobj')
		],
		['/EF given by reference', attach('6 0 obj<</Type/Filespec/F(a.exe)/EF 8 0 R>>endobj')],
		[
			'a /FileAttachment annotation',
			attach('9 0 obj<</Type/Annot/Subtype/FileAttachment/FS 6 0 R>>endobj')
		],
		['#-escaped /Embedded#46iles', attach('1 0 obj<</Names<</Embedded#46iles 5 0 R>>>>endobj')],
		[
			'an attachment inside a hex object stream',
			encodedObjectStreamPdf(
				`${objStm}/Filter/AHx`,
				hex(objectStreamBody('<</Type/Filespec/F(a.exe)/EF<</F 7 0 R>>>>'))
			)
		],
		[
			'/EmbeddedFiles in a Flate object stream, its file spec in another',
			latin1(
				Buffer.concat([
					Buffer.from(
						encodedObjectStreamPdf(
							`${objStm}/Filter/Fl`,
							deflateSync(objectStreamBody('<</EmbeddedFiles 6 0 R>>'))
						)
					),
					Buffer.from(
						encodedObjectStreamPdf(
							`${objStm}/Filter/Fl`,
							deflateSync(objectStreamBody('<</Names[(a.exe) 7 0 R]>>'))
						)
					).subarray(9)
				]).toString('latin1')
			)
		]
	])('refuses an attached file: %s', (_, file) => {
		expect(sniff(file)).toEqual({ ok: false, problem: 'active-pdf' });
	});

	it('keeps /EF out of names that only begin so (the /EFF of an encryption dictionary)', () => {
		expect(sniff(attach('9 0 obj<</Filter/Standard/EFF/StdCF/V 4>>endobj'))).toEqual(pdfOk);
	});
});
