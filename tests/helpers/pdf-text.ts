// Reading generated PDFs back as a reader would: poppler's pdftotext for the words, pdftoppm for
// a rendered page (a file poppler cannot draw fails here, not in an office's reader).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ocop-pdf-text-'));
// The files are read back at once; none is wanted after the test file (the hook belongs to
// the file that imports this helper).
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function save(pdf: Buffer): string {
	const file = join(dir, `${++n}.pdf`);
	writeFileSync(file, pdf);
	return file;
}

/** The text in layout order, pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', save(pdf), '-'], {
		encoding: 'utf8'
	});
}

/** The text of each page in layout order, as `pdftotext -f N -l N` reads it. */
export function pageText(pdf: Buffer): string[] {
	return pdfText(pdf).split('\f').slice(0, -1);
}

/** The text with every run of white space as one space, for sentences that wrap. */
export const flatText = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, ' ');

/** Page `page` drawn at 50 dpi: the PNG's width and height in pixels. */
export function renderPage(pdf: Buffer, page = 1): { width: number; height: number } {
	const out = join(dir, `page-${++n}`);
	execFileSync('pdftoppm', [
		'-r',
		'50',
		'-f',
		String(page),
		'-l',
		String(page),
		'-png',
		'-singlefile',
		save(pdf),
		out
	]);
	const png = readFileSync(`${out}.png`);
	// IHDR: width and height as big-endian 32-bit numbers at bytes 16 and 20.
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Every word of page 1 with its left edge, and the page's width (PDF points), from poppler. */
export function wordBoxes(pdf: Buffer): {
	pageWidth: number;
	words: { text: string; x: number }[];
} {
	const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', save(pdf), '-'], {
		encoding: 'utf8'
	});
	const pageWidth = Number(/<page width="([\d.]+)"/.exec(html)?.[1]);
	const words = [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
		x: Number(m[1]),
		text: m[2]
	}));
	return { pageWidth, words };
}
