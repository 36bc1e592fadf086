// CSV and XLSX of a round read back to the same rows, in the reader's language, with the signed
// chain head after them; the XLSX is read as raw sheet XML (dates are date cells, the header row
// is frozen and filtered); the JSON bundle holds the record itself, signed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestChainHead } from '../../src/lib/server/chain-head';
import { bundleJson, issueBundle } from '../../src/lib/server/exports/bundle';
import {
	exportColumns,
	exportRows,
	toCsv,
	toXlsx,
	type ExportRow
} from '../../src/lib/server/exports/round-results';
import { productCode } from '../../src/lib/server/documents/product-code';
import { genericTemplate } from '../../src/lib/server/documents/templates';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { publishResult } from '../../src/lib/server/results/publication';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { columnName, readXlsx, serialDate } from '../helpers/xlsx-read';

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
const VI = exportColumns('vi');
const col = (key: string) => VI.findIndex((c) => c.key === key);

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	records = [
		lockProduct(ctx.db, world, {
			key: 'a',
			name: 'Snack chuối Bana',
			organization: 'HTX "Đất Quảng", Quế Sơn',
			commune: 'Xã Quế Sơn',
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
		}),
		lockProduct(ctx.db, world, {
			key: 'c',
			name: 'Trà xanh Tiên Phước',
			commune: 'Xã Tiên Phước',
			setNo: 7,
			ranks: [0, 0, 0, 0],
			closedAt: ctx.now() + 2
		})
	];
	ctx.db.transaction((tx) => publishResult(tx, records[2].seq, world.officeId, ctx.now()));
	recordDecision(
		ctx.db,
		{
			councilId: world.councilId,
			number: '12/QĐ-UBND',
			decidedOn: '2026-12-05',
			signer: 'Ông Lê Văn A',
			signerTitle: 'Phó Chủ tịch',
			items: [
				{ seq: records[0].seq, certificateNo: '01/GCN-OCOP' },
				{ seq: records[2].seq, certificateNo: '' }
			]
		},
		world.officeId,
		Date.parse('2026-12-05T03:00:00Z')
	);
});
afterAll(() => ctx.cleanup());

describe('round exports', () => {
	it('rows carry words, not codes: level, set name, commune, outcome, yes/no, in either language', () => {
		const vi = exportRows(ctx.db, { roundId: world.roundId }, 'vi');
		expect(vi.map((r) => r.product)).toEqual([
			'Snack chuối Bana',
			'=Bánh dừa\nnướng',
			'Trà xanh Tiên Phước'
		]);
		expect(vi[0]).toMatchObject({
			stars: 4,
			average: records[0].result.average,
			level: 'Cấp tỉnh',
			commune: 'Xã Quế Sơn',
			outcome: 'Đạt, đề nghị công nhận',
			published: 'Có',
			decision: '12/QĐ-UBND',
			decidedOn: '2026-12-05',
			certificate: '01/GCN-OCOP',
			expiresOn: '2029-12-04'
		});
		expect(vi[0].set).toMatch(/^7\. \p{L}/u);
		expect(vi[1]).toMatchObject({ published: 'Không', commune: null, decidedOn: null });
		expect(vi[2].outcome).toBe('Tiềm năng 5 sao, chuyển cấp trung ương');
		for (const row of vi) expect(Object.values(row)).not.toContain('forwarded-central');
		const en = exportRows(ctx.db, { roundId: world.roundId }, 'en');
		expect(en[0]).toMatchObject({ level: 'Province', outcome: 'Recognised', published: 'Yes' });
		expect(en[2].outcome).toBe('Potential 5★, forwarded to the central level');
		expect(exportColumns('en').map((c) => c.header)).toContain('Valid until');
		// The recognition decision beside the council's outcome: its number, date and the level
		// it recognised. A forwarding decision recognises no level; an undecided result has none.
		expect(vi[0]).toMatchObject({ stars: 4, recognizedStars: 4 });
		expect(vi[2]).toMatchObject({ decision: '12/QĐ-UBND', recognizedStars: null });
		expect(vi[1]).toMatchObject({ decision: null, recognizedStars: null });
		const headers = (l: 'vi' | 'en') => exportColumns(l).map((c) => c.header);
		expect(headers('vi').slice(-7, -4)).toEqual([
			'Số quyết định',
			'Ngày quyết định',
			'Hạng sao được công nhận'
		]);
		expect(headers('en')).toContain('Recognised rating');
		// The statistics page's filters reach the file too.
		expect(exportRows(ctx.db, { commune: 'Xã Tiên Phước' }).map((r) => r.seq)).toEqual([
			records[2].seq
		]);
		expect(exportRows(ctx.db, { outcome: 'forwarded-central' }).map((r) => r.seq)).toEqual([
			records[2].seq
		]);
	});

	it('CSV round-trips every cell, with a BOM, quoted commas, Vietnamese numbers and dd/mm/yyyy dates', () => {
		const rows = exportRows(ctx.db, { roundId: world.roundId });
		const head = latestChainHead(ctx.db)!;
		expect(head).toMatchObject({ seq: records[2].seq, hash: records[2].hash });
		const csv = toCsv(rows, head);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const parsed = parseCsv(csv.slice(1));
		expect(parsed[0]).toEqual(VI.map((c) => c.header));
		expect(parsed[0]).toContain('Ngày quyết định');
		const first = parsed[1];
		// Averages with exactly two decimals (RULES.md), whatever the figure: 75 is "75,00".
		expect(first[col('average')]).toBe(records[0].result.average!.toFixed(2).replace('.', ','));
		expect(first[col('average')]).toMatch(/^\d+,\d{2}$/);
		expect(first[col('partA')]).toMatch(/^\d+,\d{2}$/);
		expect(first[col('decidedOn')]).toBe('05/12/2026');
		expect(first[col('expiresOn')]).toBe('04/12/2029');
		expect(first[col('closedOn')]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
		expect(first[col('outcome')]).toBe('Đạt, đề nghị công nhận');
		expect(first[col('hash')]).toBe(records[0].hash);
		// A formula-looking name is neutralised, everything else is kept.
		expect(parsed[2][col('product')]).toBe("'=Bánh dừa\nnướng");
		expect(parsed[2][col('organization')]).toBe(asText(rows[1].organization));
		// After a blank line, the signed chain head: a removed last record no longer matches it.
		expect(parsed[4]).toEqual(['']);
		expect(parsed[6].slice(1, 3)).toEqual([String(head.seq), head.hash]);
		expect(parsed[6][5]).toBe(head.signature);
		// Exactly, even when the base64 starts with a character the formula guard would quote
		// (one signature in 64 starts with "+"; the key is fixed per deployment).
		const plus = {
			...head,
			signature: '+' + head.signature.slice(1),
			key: '+' + head.key.slice(1)
		};
		const plusRow = parseCsv(toCsv(rows, plus).slice(1))[6];
		expect([plusRow[4], plusRow[5]]).toEqual([plus.key, plus.signature]);
		// In English: English headings, a decimal point, an English date.
		const en = parseCsv(
			toCsv(exportRows(ctx.db, { roundId: world.roundId }, 'en'), head, 'en').slice(1)
		);
		expect(en[0][col('decidedOn')]).toBe('Decided on');
		expect(en[1][col('decidedOn')]).toBe('5 Dec 2026');
		expect(en[1][col('average')]).toBe(records[0].result.average!.toFixed(2));
	});

	it('XLSX read back as sheet XML: labelled headings, date cells in dd/mm/yyyy, a frozen header row and an auto-filter', async () => {
		const rows = exportRows(ctx.db, { roundId: world.roundId });
		const head = latestChainHead(ctx.db)!;
		const [sheet, chain] = readXlsx(await toXlsx(rows, 'Đợt 2 năm 2026', head));
		expect(sheet.name).toBe('Đợt 2 năm 2026');
		const cell = (key: string, row: number) => sheet.cells.get(`${columnName(col(key) + 1)}${row}`);
		VI.forEach((c, i) => expect(sheet.cells.get(`${columnName(i + 1)}1`)?.value).toBe(c.header));
		// Dates are numbers (serial days) shown as dd/mm/yyyy, not text.
		for (const [key, iso] of [
			['decidedOn', '2026-12-05'],
			['expiresOn', '2029-12-04']
		] as const) {
			const c = cell(key, 2)!;
			expect(c.type).toBe('n');
			expect(c.format).toBe('dd/mm/yyyy');
			expect(serialDate(Number(c.value))).toBe(iso);
		}
		expect(cell('closedOn', 2)!.format).toBe('dd/mm/yyyy');
		expect(cell('decidedOn', 3)).toBeUndefined();
		expect(cell('average', 2)).toMatchObject({
			type: 'n',
			value: String(records[0].result.average)
		});
		expect(cell('stars', 2)).toMatchObject({ type: 'n', value: '4' });
		expect(cell('outcome', 4)!.value).toBe('Tiềm năng 5 sao, chuyển cấp trung ương');
		expect(cell('set', 2)!.value).toMatch(/^7\. /);
		expect(cell('commune', 2)!.value).toBe('Xã Quế Sơn');
		expect(cell('product', 3)!.value).toBe('=Bánh dừa\nnướng');
		expect(sheet.xml).not.toContain('<f>');
		expect(sheet.pane).toEqual({ ySplit: 1, state: 'frozen' });
		expect(sheet.autoFilter).toBe(`A1:${columnName(VI.length)}4`);
		expect(chain.name).toBe('Chuỗi khóa');
		expect(chain.cells.get('B2')!.value).toBe(String(head.seq));
		expect(chain.cells.get('C2')!.value).toBe(head.hash);

		const [en] = readXlsx(
			await toXlsx(exportRows(ctx.db, { roundId: world.roundId }, 'en'), '', head, 'en')
		);
		expect(en.name).toBe('Results');
		expect(en.cells.get(`${columnName(col('outcome') + 1)}2`)!.value).toBe('Recognised');
		expect(en.cells.get(`${columnName(col('decidedOn') + 1)}2`)!.format).toBe('dd/mm/yyyy');
	});

	it('says where each certificate stands on the day of export: in force, expired or revoked', () => {
		const status = (today: string, locale: 'vi' | 'en' = 'vi') =>
			exportRows(ctx.db, { roundId: world.roundId }, locale, today).map((r) => r.certificateStatus);
		// Valid through 04/12/2029: the last valid day, and the first day it no longer is.
		expect(status('2026-12-06')).toEqual(['Còn hiệu lực đến 04/12/2029', null, null]);
		expect(status('2030-12-06')[0]).toBe('Hết hạn từ 05/12/2029');
		// The English file says its dates as the English pages do.
		expect(status('2026-12-06', 'en')[0]).toBe('Valid until 4 Dec 2029');
		revokeCertificate(
			ctx.db,
			world.officeId,
			{
				seq: records[0].seq,
				ground: 'Sản phẩm không duy trì được chất lượng theo kết quả kiểm tra',
				number: '45/QĐ-UBND',
				decidedOn: '2027-03-10',
				signer: 'Nguyễn Văn Thành',
				signerTitle: 'Phó Chủ tịch'
			},
			Date.parse('2027-03-10T03:00:00Z')
		);
		// The file no longer shows the revoked certificate as in force.
		expect(status('2027-03-11')[0]).toBe(
			'Đã thu hồi theo Quyết định số 45/QĐ-UBND ngày 10/03/2027'
		);
		expect(status('2027-03-11', 'en')[0]).toBe('Revoked by decision no. 45/QĐ-UBND of 10 Mar 2027');
		const csv = parseCsv(
			toCsv(exportRows(ctx.db, { roundId: world.roundId }, 'vi', '2027-03-11')).slice(1)
		);
		expect(csv[1][col('certificateStatus')]).toContain('Đã thu hồi');
	});

	it("carries each product's code as the documents issued it, and issues none itself", () => {
		const codeOf = (seq: number) =>
			exportRows(ctx.db, { roundId: world.roundId }).find((r) => r.seq === seq)!.productCode;
		// Nothing printed yet: no code, and exporting did not issue one.
		expect(codeOf(records[0].seq)).toBeNull();
		expect(codeOf(records[0].seq)).toBeNull();
		const template = {
			...genericTemplate('Đà Nẵng', 'UBND thành phố Đà Nẵng'),
			provinceCode: '48',
			communeCodes: { 'Xã Quế Sơn': '20500' }
		};
		// The certificate's rendering issues it (documents/product-code.ts).
		const issued = productCode(ctx.db, template, records[0].dossierId, 2026);
		expect(issued).toBe('48-20500-001-2026');
		expect(codeOf(records[0].seq)).toBe(
			`48-20500-001-${exportRows(ctx.db, { roundId: world.roundId })[0].year}`
		);
		expect(codeOf(records[1].seq)).toBeNull();
		const csv = parseCsv(toCsv(exportRows(ctx.db, { roundId: world.roundId })).slice(1));
		expect(csv[0][col('productCode')]).toBe('Mã sản phẩm');
		expect(csv[1][col('productCode')]).toBe(codeOf(records[0].seq));
	});

	it('the JSON bundle holds the locked record, byte for byte after parsing, signed', () => {
		const bundle = JSON.parse(bundleJson(issueBundle(ctx.db, records[0])));
		expect(bundle.records).toEqual([records[0]]);
		expect(bundle.lockHeads).toMatchObject([{ seq: records[0].seq, hash: records[0].hash }]);
		expect(bundle.signature).toMatchObject({ algorithm: 'Ed25519' });
	});
});
