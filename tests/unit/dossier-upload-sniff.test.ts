import { describe, expect, it } from 'vitest';
import { isTraversalName, sanitizeName, sniff } from '../../src/lib/server/uploads/sniff';
import { hostile, objectStreamSample, samples } from '../helpers/upload-samples';

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
