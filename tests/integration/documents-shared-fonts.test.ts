// A render worker parses each font once and shares word layouts among the documents it renders
// (pdf.ts, setFont). What a document embeds must not depend on what was rendered before it in the
// same process: each one read back on its own must carry every character it was written with, in
// every style, whatever came first.
import { describe, expect, it } from 'vitest';
import { newPdf, toBuffer, use, write, type Pdf } from '../../src/lib/server/documents/pdf';
import { STYLES } from '../../src/lib/server/documents/fonts';
import { pdfText, renderPage } from '../helpers/pdf-text';

/** The characters read back, white space aside (pdftotext spaces runs of other fonts its way). */
const flatText = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, '');
const squeezed = (line: string) => line.replace(/\s+/g, '');

/** One line per style, in a new document. */
async function documentOf(lines: string[]): Promise<Buffer> {
	const doc: Pdf = newPdf('t');
	for (const style of STYLES)
		for (const line of lines) {
			use(doc, style, 13);
			write(doc, line);
		}
	return toBuffer(doc);
}

// Composite glyphs (ệ is e with two marks, ứ is u with a horn and an acute) whose subsets read
// their parts: the plain letters a later document needs on their own.
const COMPOSED = ['Việt ệ ễ ể ặ ẩ ậ ở ữ ự ố ờ ẫ ứ ừ ượng', 'Quyết định 26/2026/QĐ-TTg ≥ ★ ☐'];
const PLAIN = ['Theo mẫu: Tra cứu tại https://ocop.example.vn/results/1', 'phương án a e o u'];

describe('documents rendered one after another in one process', () => {
	it('each reads back with every character, whatever the documents before it held', async () => {
		// First in this process: the composites' subsets are made before any plain letter is laid out.
		const composed = flatText(await documentOf(COMPOSED));
		for (const line of COMPOSED) expect(composed).toContain(squeezed(line));

		const after = await documentOf(PLAIN);
		const plain = flatText(after);
		for (const line of PLAIN) expect(plain).toContain(squeezed(line));
		expect(renderPage(after).width).toBeGreaterThan(0);

		// Repeated, from the shared layouts: the same characters.
		expect(flatText(await documentOf(PLAIN))).toBe(plain);
		expect(flatText(await documentOf(COMPOSED))).toBe(composed);
	});

	it('a document embeds only the glyphs it uses, not those of documents before it', async () => {
		const small = await documentOf(['a']);
		await documentOf(COMPOSED.concat(PLAIN));
		const again = await documentOf(['a']);
		// Same glyphs, same fonts: the same size give or take the file's date and id.
		expect(Math.abs(again.byteLength - small.byteLength)).toBeLessThan(64);
	});
});
