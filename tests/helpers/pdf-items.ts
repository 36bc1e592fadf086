// Text items of a PDF with their page, position and font, read with pdfjs: what a layout test
// needs to tell where a line landed and in which weight it was set.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
	page: number;
	text: string;
	/** Distance from the top of the page to the item's baseline, in points. */
	top: number;
	x: number;
	/** The embedded font's name, e.g. `AAAAAB+NotoSerif-Bold`. */
	font: string;
	pageHeight: number;
}

export async function pdfItems(pdf: Buffer): Promise<PdfItem[]> {
	const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
	const out: PdfItem[] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const height = page.view[3];
		await page.getOperatorList(); // loads the fonts into commonObjs
		const content = await page.getTextContent();
		for (const item of content.items) {
			if (!('str' in item) || !item.str.trim()) continue;
			const font = page.commonObjs.get(item.fontName) as { name?: string } | undefined;
			out.push({
				page: n,
				text: item.str,
				top: height - item.transform[5],
				x: item.transform[4],
				font: font?.name ?? item.fontName,
				pageHeight: height
			});
		}
	}
	await doc.destroy();
	return out;
}
