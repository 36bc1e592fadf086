// A round's results as a table for the office: CSV (UTF-8 with BOM, so spreadsheet programs read
// the Vietnamese right) and XLSX. One row per locked result, figures and names as locked (the
// rows come from the hashed records), then the signed chain head at export time.

import ExcelJS from 'exceljs';
import type { ChainHead } from '../chain-head';
import type { Q } from '../db/client';
import { partAverages, vnDate } from '../results/figures';
import { listResults, recordsOf, type ResultFilters } from '../results/repository';

export const EXPORT_COLUMNS = [
	{ key: 'seq', header: 'Số khóa' },
	{ key: 'year', header: 'Năm' },
	{ key: 'round', header: 'Đợt' },
	{ key: 'level', header: 'Cấp' },
	{ key: 'product', header: 'Sản phẩm' },
	{ key: 'organization', header: 'Chủ thể OCOP' },
	{ key: 'setNo', header: 'Bộ sản phẩm' },
	{ key: 'average', header: 'Điểm trung bình' },
	{ key: 'partA', header: 'Phần A' },
	{ key: 'partB', header: 'Phần B' },
	{ key: 'partC', header: 'Phần C' },
	{ key: 'spread', header: 'Độ chênh lệch' },
	{ key: 'stars', header: 'Hạng sao' },
	{ key: 'outcome', header: 'Kết luận' },
	{ key: 'closedOn', header: 'Ngày kết thúc chấm' },
	{ key: 'published', header: 'Đã công bố' },
	{ key: 'decision', header: 'Số quyết định' },
	{ key: 'certificate', header: 'Số giấy chứng nhận' },
	{ key: 'expiresOn', header: 'Hết hiệu lực' },
	{ key: 'hash', header: 'Mã băm' }
] as const;

export type ExportKey = (typeof EXPORT_COLUMNS)[number]['key'];
export type ExportRow = Record<ExportKey, string | number | null>;

export function exportRows(db: Q, filters: ResultFilters): ExportRow[] {
	const { rows } = listResults(db, filters, { published: false, limit: 100_000, offset: 0 });
	const records = new Map(
		recordsOf(
			db,
			rows.map((r) => r.seq)
		).map((r) => [r.seq, r])
	);
	return rows.map((row) => {
		const record = records.get(row.seq)!;
		const parts = partAverages(record);
		return {
			seq: row.seq,
			year: row.year,
			round: row.roundNo,
			level: row.level,
			product: row.productName,
			organization: row.organization,
			setNo: row.productSetNo,
			average: record.result.average,
			partA: parts.A,
			partB: parts.B,
			partC: parts.C,
			spread: record.result.spread,
			stars: record.result.stars,
			outcome: record.result.outcome ?? record.result.blocked,
			closedOn: vnDate(record.closedAt),
			published: row.publishedAt ? 'có' : 'không',
			decision: row.decisionNumber,
			certificate: row.certificateNo,
			expiresOn: row.expiresOn,
			hash: record.hash
		};
	});
}

function csvCell(value: string | number | null): string {
	if (value === null) return '';
	let text = String(value);
	// A cell starting with these runs as a formula in spreadsheet programs.
	if (typeof value === 'string' && /^[=+@\t\r-]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const HEAD_COLUMNS = [
	'Đầu chuỗi đã ký (signed chain head)',
	'Số khóa',
	'Mã băm',
	'Thời điểm ký',
	'Khóa công khai (SHA-256)',
	'Chữ ký Ed25519'
] as const;

/** The head as one table row, after its header row: a reader compares it with the public page. */
function headCells(head: ChainHead): (string | number)[] {
	return ['', head.seq, head.hash, new Date(head.at).toISOString(), head.key, head.signature];
}

export function toCsv(rows: ExportRow[], head: ChainHead | null = null): string {
	const lines = [EXPORT_COLUMNS.map((c) => csvCell(c.header)).join(',')];
	for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c.key])).join(','));
	if (head)
		lines.push('', HEAD_COLUMNS.map(csvCell).join(','), headCells(head).map(csvCell).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function toXlsx(
	rows: ExportRow[],
	title: string,
	head: ChainHead | null = null
): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.creator = 'OCOP';
	const sheet = book.addWorksheet(title.slice(0, 31) || 'Kết quả');
	sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 16 }));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
	if (head) {
		const chain = book.addWorksheet('Chuỗi khóa');
		chain.addRow([...HEAD_COLUMNS]);
		chain.addRow(headCells(head));
		chain.getRow(1).font = { bold: true };
	}
	return Buffer.from(await book.xlsx.writeBuffer());
}
