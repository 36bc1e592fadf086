// CSV and XLSX of a round read back to the same rows, with the signed chain head after them; the
// JSON bundle holds the record itself, signed.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestChainHead } from '../../src/lib/server/chain-head';
import { bundleJson, issueBundle } from '../../src/lib/server/exports/bundle';
import {
	EXPORT_COLUMNS,
	exportRows,
	toCsv,
	toXlsx,
	type ExportRow
} from '../../src/lib/server/exports/round-results';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let records: LockedRecord[];

/** RFC 4180 reader, enough for the round trip. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted && ch === '"' && text[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (quoted && ch === '"') quoted = false;
		else if (quoted) cell += ch;
		else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	return rows;
}

const asText = (v: ExportRow[keyof ExportRow]) => (v === null ? '' : String(v));

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	records = [
		lockProduct(ctx.db, world, {
			key: 'a',
			name: 'Snack chuối Bana',
			organization: 'HTX "Đất Quảng", Quế Sơn',
			setNo: 7,
			ranks: [
				[1, 0],
				[1, 0],
				[1, 0],
				[1, 0]
			],
			publish: true,
			closedAt: ctx.now()
		}),
		lockProduct(ctx.db, world, {
			key: 'b',
			name: '=Bánh dừa\nnướng',
			setNo: 6,
			ranks: [0.5, 0.5, 0.5, 0.5],
			closedAt: ctx.now() + 1
		})
	];
});
afterAll(() => ctx.cleanup());

describe('round exports', () => {
	it('CSV round-trips every cell, with a BOM and quoted commas, quotes and line breaks', () => {
		const rows = exportRows(ctx.db, { roundId: world.roundId });
		expect(rows.map((r) => r.product)).toEqual(['Snack chuối Bana', '=Bánh dừa\nnướng']);
		expect(rows[0]).toMatchObject({
			stars: 4,
			average: records[0].result.average,
			published: 'có'
		});
		const head = latestChainHead(ctx.db)!;
		expect(head).toMatchObject({ seq: records[1].seq, hash: records[1].hash });
		const csv = toCsv(rows, head);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const parsed = parseCsv(csv.slice(1));
		expect(parsed[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
		expect(parsed[1]).toEqual(EXPORT_COLUMNS.map((c) => asText(rows[0][c.key])));
		// A formula-looking name is neutralised, everything else is kept.
		expect(parsed[2][4]).toBe("'=Bánh dừa\nnướng");
		expect(parsed[2].slice(5)).toEqual(EXPORT_COLUMNS.slice(5).map((c) => asText(rows[1][c.key])));
		// After a blank line, the signed chain head: a removed last record no longer matches it.
		expect(parsed[3]).toEqual(['']);
		expect(parsed[5].slice(1, 3)).toEqual([String(head.seq), head.hash]);
		expect(parsed[5][5]).toBe(head.signature);
	});

	it('XLSX round-trips headers, text and numbers', async () => {
		const rows = exportRows(ctx.db, { roundId: world.roundId });
		const book = new ExcelJS.Workbook();
		const head = latestChainHead(ctx.db)!;
		await book.xlsx.load((await toXlsx(rows, 'Đợt 2 năm 2026', head)) as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(sheet.name).toBe('Đợt 2 năm 2026');
		const header = (sheet.getRow(1).values as unknown[]).slice(1);
		expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
		rows.forEach((row, i) => {
			const values = (sheet.getRow(i + 2).values as unknown[]).slice(1);
			EXPORT_COLUMNS.forEach((c, j) => expect(values[j] ?? null, c.key).toEqual(row[c.key]));
		});
		expect(typeof (sheet.getRow(2).values as unknown[])[8]).toBe('number');
		const chain = (book.getWorksheet('Chuỗi khóa')!.getRow(2).values as unknown[]).slice(1);
		expect(chain.slice(1, 3)).toEqual([head.seq, head.hash]);
	});

	it('the JSON bundle holds the locked record, byte for byte after parsing, signed', () => {
		const bundle = JSON.parse(bundleJson(issueBundle(ctx.db, records[0])));
		expect(bundle.records).toEqual([records[0]]);
		expect(bundle.lockHeads).toMatchObject([{ seq: records[0].seq, hash: records[0].hash }]);
		expect(bundle.signature).toMatchObject({ algorithm: 'Ed25519' });
	});
});
