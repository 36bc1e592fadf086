// Files for the demo dossiers, made here rather than downloaded: a few pages of a sample
// certificate and test report (PDF, so the sitting's dossier viewer has pages to turn) and a
// product photo (PNG). Only `npm run demo` adds them; tests seed without files. Running it again
// changes nothing.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve as absolute } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { eq } from 'drizzle-orm';
import { listLeaves } from '../../domain/rubric';
import { getRubric } from '../../domain/rubrics';
import type { Db } from '../db/client';
import { dossierFiles, dossiers, products } from '../db/schema';
import type { FileKind } from '../db/schema/dossiers';
import { facesOf } from '../documents/fonts';

/** The demo dossiers that go before the council: the two on today's sitting. */
const DEMO_DOSSIERS = ['demo-product-snack-chuoi-v1', 'demo-product-banh-dua-v1'];

function samplePdf(title: string, product: string, pages: string[]): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
	const [regular] = facesOf('regular');
	const [bold] = facesOf('bold');
	doc.registerFont('r', regular.path);
	doc.registerFont('b', bold.path);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve) =>
		doc.on('end', () => resolve(Buffer.concat(chunks)))
	);
	pages.forEach((body, i) => {
		if (i > 0) doc.addPage();
		doc.font('b').fontSize(15).text(title.toUpperCase(), { align: 'center' });
		doc.moveDown(0.5).font('r').fontSize(12).text(`Sản phẩm: ${product}`, { align: 'center' });
		doc.moveDown().fontSize(12).text(body, { align: 'justify' });
		doc
			.moveDown(2)
			.fontSize(10)
			.fillColor('#8a1c1c')
			.text('Tài liệu minh họa của bản demo, không có giá trị pháp lý.', { align: 'center' })
			.fillColor('black');
		doc
			.fontSize(9)
			.text(`Trang ${i + 1}/${pages.length}`, 56, 760, { align: 'right', lineBreak: false });
	});
	doc.end();
	return done;
}

/** A small PNG: a warm gradient with a darker band, standing for a product photo. */
function samplePng(width = 320, height = 240): Buffer {
	const raw = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		raw[row] = 0; // no filter
		for (let x = 0; x < width; x++) {
			const band = y > height * 0.6 && y < height * 0.8;
			raw[row + 1 + x * 3] = band ? 120 : 230 - (y >> 2);
			raw[row + 2 + x * 3] = band ? 80 : 170 - (x >> 3);
			raw[row + 3 + x * 3] = band ? 40 : 60 + (x >> 4);
		}
	}
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([len, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** Adds the sample files to the demo dossiers that have none yet; returns how many it stored. */
export async function seedDemoFiles(db: Db, uploadDir: string, now: number): Promise<number> {
	let stored = 0;
	for (const dossierId of DEMO_DOSSIERS) {
		const row = db
			.select({ name: products.name, setNo: products.productSetNo, rubric: products.rubricVersion })
			.from(dossiers)
			.innerJoin(products, eq(products.id, dossiers.productId))
			.where(eq(dossiers.id, dossierId))
			.get();
		if (!row) continue;
		if (db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, dossierId)).get()) continue;
		const firstLeaf = listLeaves(getRubric(row.rubric, row.setNo))[0].leaf.code;
		const files: {
			kind: FileKind;
			leaf: string | null;
			name: string;
			bytes: Buffer;
			mime: string;
		}[] = [
			{
				kind: 'evidence',
				leaf: firstLeaf,
				name: 'giay-chung-nhan-attp-demo.pdf',
				mime: 'application/pdf',
				bytes: await samplePdf('Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', row.name, [
					'Cơ sở sản xuất đáp ứng điều kiện an toàn thực phẩm theo quy định đối với nhóm sản phẩm đăng ký. Phạm vi: sơ chế, chế biến, đóng gói.',
					'Điều kiện về nhà xưởng, trang thiết bị, dụng cụ và người trực tiếp sản xuất đã được kiểm tra. Hiệu lực: 03 năm kể từ ngày cấp.',
					'Danh mục sản phẩm kèm theo và kết quả kiểm tra định kỳ gần nhất.'
				])
			},
			{
				kind: 'evidence',
				leaf: firstLeaf,
				name: 'anh-san-pham-demo.png',
				mime: 'image/png',
				bytes: samplePng()
			},
			{
				kind: 'advisory-report',
				leaf: null,
				name: 'bao-cao-to-tu-van-demo.pdf',
				mime: 'application/pdf',
				bytes: await samplePdf('Báo cáo thẩm định của Tổ tư vấn', row.name, [
					'Tổ tư vấn đã kiểm tra hồ sơ, khảo sát cơ sở sản xuất và đánh giá sơ bộ theo Bộ tiêu chí. Đề nghị Hội đồng xem xét đánh giá, phân hạng.'
				])
			},
			{
				kind: 'lab-result',
				leaf: null,
				name: 'ket-qua-kiem-nghiem-demo.pdf',
				mime: 'application/pdf',
				bytes: await samplePdf('Phiếu kết quả kiểm nghiệm', row.name, [
					'Chỉ tiêu vi sinh và kim loại nặng: đạt theo quy chuẩn kỹ thuật quốc gia hiện hành. Chỉ tiêu cảm quan: đạt.'
				])
			}
		];
		mkdirSync(absolute(uploadDir), { recursive: true });
		db.transaction((tx) => {
			for (const f of files) {
				const storedName = randomBytes(16).toString('hex');
				writeFileSync(join(absolute(uploadDir), storedName), f.bytes, { flag: 'wx', mode: 0o600 });
				tx.insert(dossierFiles)
					.values({
						id: randomUUID(),
						dossierId,
						kind: f.kind,
						leafCode: f.leaf,
						storedName,
						originalName: f.name,
						mime: f.mime,
						size: f.bytes.length,
						sha256: createHash('sha256').update(f.bytes).digest('hex'),
						uploadedBy: null,
						createdAt: now
					})
					.run();
				stored++;
			}
		});
	}
	return stored;
}
