// Giấy chứng nhận sản phẩm OCOP: landscape, issued with the recognition decision, valid 36
// months, with a QR code to the product's public page (which says whether it is valid, expired
// or revoked). The QR code is drawn as vector squares: no image, sharp at any zoom.

import qrcode from 'qrcode-generator';
import { isoNoon } from './decision';
import { finish, legalHeading } from './frame';
import { MARGIN, newPdf, toBuffer, use, width, write } from './pdf';
import { decisionIssuer, signerBlock } from './signer-block';
import type { ProvinceTemplate } from './templates';

export interface CertificateInput {
	template: ProvinceTemplate;
	certificateNo: string;
	productName: string;
	productCode: string | null;
	organization: string;
	stars: number;
	decisionNumber: string;
	decidedOn: string;
	expiresOn: string;
	signer: string;
	signerTitle: string;
	/** The product's public page, e.g. https://ocop.danang.gov.vn/results/12. */
	url: string;
}

const vnIso = (iso: string) => iso.split('-').reverse().join('/');

/** The QR code of `url` as dark squares, `size` points wide, top-left at (x, y). */
export function drawQr(
	doc: PDFKit.PDFDocument,
	url: string,
	x: number,
	y: number,
	size: number
): number {
	const qr = qrcode(0, 'M');
	qr.addData(url, 'Byte');
	qr.make();
	const n = qr.getModuleCount();
	const cell = size / n;
	for (let r = 0; r < n; r++)
		for (let c = 0; c < n; c++)
			if (qr.isDark(r, c)) doc.rect(x + c * cell, y + r * cell, cell, cell);
	doc.fillColor('#000').fill();
	return n;
}

export function certificatePdf(c: CertificateInput): Promise<Buffer> {
	const t = c.template;
	const doc = newPdf(`Giấy chứng nhận ${c.certificateNo}`, 'landscape');
	legalHeading(doc, {
		parent: t.ubnd.parent,
		body: t.ubnd.name,
		number: c.certificateNo,
		place: t.place,
		at: isoNoon(c.decidedOn),
		title: 'Giấy chứng nhận sản phẩm OCOP',
		subject: [`${c.stars} sao`]
	});
	const W = width(doc);
	const line = (text: string, style: 'regular' | 'bold' | 'italic', size: number) => {
		use(doc, style, size);
		write(doc, text, MARGIN.left, doc.y, { width: W, align: 'center' });
		doc.y += 4;
	};
	line(`${decisionIssuer(t).toLocaleUpperCase('vi')} CHỨNG NHẬN`, 'bold', 13);
	line(`Sản phẩm: ${c.productName}`, 'bold', 18);
	line(`Mã sản phẩm: ${c.productCode ?? 'chưa cấp'}`, 'regular', 13);
	line(`Chủ thể OCOP: ${c.organization}`, 'regular', 13);
	line(`Đạt sản phẩm OCOP hạng ${c.stars} sao`, 'bold', 15);
	line(
		`Theo Quyết định số ${c.decisionNumber} ngày ${vnIso(c.decidedOn)}. Giấy chứng nhận có giá trị 36 tháng, đến hết ngày ${vnIso(c.expiresOn)}.`,
		'italic',
		12
	);
	// The signature block on the right (Nghị định 30/2020, DOCUMENTS.md); the QR code that opens
	// the public page of the product at the bottom left.
	const qrSize = 110;
	const qrX = MARGIN.left;
	const qrY = doc.page.height - MARGIN.bottom - qrSize - 26;
	drawQr(doc, c.url, qrX, qrY, qrSize);
	use(doc, 'italic', 8);
	write(doc, `Tra cứu: ${c.url}`, qrX, qrY + qrSize + 4, {
		width: W * 0.45,
		align: 'left'
	});
	const signX = MARGIN.left + W * 0.5;
	const signW = W * 0.5;
	// Signed as the decision it comes from: the template's authority lines, the recorded signer.
	const signer = signerBlock(t.signers.decision, { name: c.signer, title: c.signerTitle });
	const lines = [...signer.authority, signer.title];
	let y = qrY - 10 - Math.max(0, lines.length - 2) * 16;
	use(doc, 'bold', 13);
	for (const l of lines) {
		write(doc, l.toLocaleUpperCase('vi'), signX, y, { width: signW, align: 'center' });
		y = doc.y;
	}
	write(doc, signer.name || ' ', signX, y + 60, { width: signW, align: 'center' });
	finish(doc);
	return toBuffer(doc);
}
