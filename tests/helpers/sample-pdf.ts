import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import PDFDocument from 'pdfkit';

/** A PDF of `pages` A4 pages, each a coloured block and its large page number. */
export function numberedPdf(pages: number): Promise<Buffer> {
	return new Promise((resolve) => {
		const doc = new PDFDocument({ size: 'A4' });
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		for (let i = 1; i <= pages; i++) {
			if (i > 1) doc.addPage();
			doc.rect(50, 50, 495, 300).fill(i === 2 ? '#1d4ed8' : '#b91c1c');
			doc.fontSize(120).fillColor('#000').text(String(i), 250, 450);
		}
		doc.end();
	});
}

/**
 * Stores `pdf` as an evidence file of a dossier, straight into an app's data folder (as an
 * upload would), so that the room's dossier viewer and the dossier page have a file to show.
 */
export function attachEvidencePdf(
	sqlite: Database,
	dataDir: string,
	file: { id: string; dossierId: string; leafCode: string; name: string; pdf: Buffer }
): void {
	const stored = randomBytes(16).toString('hex');
	mkdirSync(join(dataDir, 'uploads'), { recursive: true });
	writeFileSync(join(dataDir, 'uploads', stored), file.pdf);
	sqlite
		.prepare(
			`insert into dossier_files (id, dossier_id, kind, leaf_code, stored_name, original_name, mime, size, sha256, created_at)
			 values (?, ?, 'evidence', ?, ?, ?, 'application/pdf', ?, ?, ?)`
		)
		.run(
			file.id,
			file.dossierId,
			file.leafCode,
			stored,
			file.name,
			file.pdf.length,
			createHash('sha256').update(file.pdf).digest('hex'),
			Date.now()
		);
}
