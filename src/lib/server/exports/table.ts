// Labelled tables written as CSV or XLSX for the office. Cells stay typed until written: a number
// is a number in XLSX (shown in the reader's own format) and "82,67" or "82.67" in the CSV; a
// calendar date (YYYY-MM-DD) is a real date cell formatted dd/mm/yyyy in XLSX and written as the
// language writes it in the CSV. Every sheet keeps its header row frozen and carries an
// auto-filter over its rows.

import ExcelJS from 'exceljs';
import type { Locale } from '../../i18n';
import { formatAverage, formatDate, formatScore } from '../../i18n/format';

/** `average`: always two decimals in the CSV ("75,00"), as RULES.md shows averages. */
export type CellKind = 'text' | 'int' | 'decimal' | 'average' | 'date';
export type Cell = string | number | null;

export interface Column<K extends string = string> {
	key: K;
	header: string;
	kind: CellKind;
	width?: number;
}

export interface Table<K extends string = string> {
	/** Sheet name in XLSX (cut to 31 characters), section title in CSV. */
	name: string;
	columns: Column<K>[];
	rows: Record<K, Cell>[];
}

export const DATE_FORMAT = 'dd/mm/yyyy';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell as the CSV shows it in `locale`. */
function csvText(value: Cell, kind: CellKind, locale: Locale): string {
	if (value === null || value === '') return '';
	if (kind === 'decimal' && typeof value === 'number') return formatScore(value, locale);
	if (kind === 'average' && typeof value === 'number') return formatAverage(value, locale);
	if (kind === 'date' && typeof value === 'string') return formatDate(value, locale);
	return String(value);
}

function csvCell(text: string, formulaGuard: boolean): string {
	// A cell starting with these runs as a formula in spreadsheet programs.
	if (formulaGuard && /^[=+@\t\r-]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM, so spreadsheet programs read the Vietnamese right; CRLF lines (RFC 4180). */
export function tablesCsv(
	tables: Table[],
	locale: Locale,
	opts: { titles?: boolean; trailer?: (string | number)[][] } = {}
): string {
	const lines: string[] = [];
	tables.forEach((table, i) => {
		if (i > 0) lines.push('');
		if (opts.titles) lines.push(csvCell(table.name, true));
		lines.push(table.columns.map((c) => csvCell(c.header, true)).join(','));
		for (const row of table.rows)
			lines.push(
				table.columns
					.map((c) =>
						csvCell(
							csvText(row[c.key], c.kind, locale),
							c.kind === 'text' && typeof row[c.key] === 'string'
						)
					)
					.join(',')
			);
	});
	if (opts.trailer) {
		lines.push('');
		// The trailer is the app's own (headings, numbers, hex, dates, base64), never a person's
		// text, and a reader compares it character for character with the public page: no guard,
		// which would put a quote before a signature that happens to start with "+".
		for (const row of opts.trailer) lines.push(row.map((v) => csvCell(String(v), false)).join(','));
	}
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** A calendar date as the UTC midnight Excel stores for it (no zone can move it a day). */
function dateCell(value: Cell): Date | Cell {
	const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
	return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
}

function sheetName(name: string, taken: Set<string>): string {
	// Excel refuses these characters in a sheet name, and names longer than 31.
	const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
	let out = base;
	for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${base.slice(0, 27)} (${n})`;
	taken.add(out.toLowerCase());
	return out;
}

export function addTableSheet(book: ExcelJS.Workbook, table: Table, taken: Set<string>): void {
	const sheet = book.addWorksheet(sheetName(table.name, taken), {
		views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }]
	});
	sheet.columns = table.columns.map((c) => ({
		header: c.header,
		key: c.key,
		width: c.width ?? (c.kind === 'text' ? 24 : 14),
		style:
			c.kind === 'date'
				? { numFmt: DATE_FORMAT }
				: c.kind === 'decimal' || c.kind === 'average'
					? { numFmt: '0.00' }
					: {}
	}));
	sheet.getRow(1).font = { bold: true };
	for (const row of table.rows) {
		const values: Record<string, unknown> = {};
		for (const c of table.columns)
			values[c.key] = c.kind === 'date' ? dateCell(row[c.key]) : row[c.key];
		sheet.addRow(values);
	}
	sheet.autoFilter = {
		from: { row: 1, column: 1 },
		to: { row: Math.max(1, table.rows.length + 1), column: table.columns.length }
	};
}

export async function tablesXlsx(
	tables: Table[],
	extra: { name: string; rows: (string | number)[][] }[] = []
): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	book.creator = 'OCOP';
	const taken = new Set<string>();
	for (const table of tables) addTableSheet(book, table, taken);
	for (const sheet of extra) {
		const ws = book.addWorksheet(sheetName(sheet.name, taken));
		for (const row of sheet.rows) ws.addRow(row);
		ws.getRow(1).font = { bold: true };
	}
	return Buffer.from(await book.xlsx.writeBuffer());
}
