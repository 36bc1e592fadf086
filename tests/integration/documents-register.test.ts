// The document register (sổ đăng ký văn bản): numbers per issuing body, kind and year, from 01,
// never issued twice, kept for the document they were issued to, and printed on it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocument, reportDocument } from '../../src/lib/server/documents';
import { issueNumber, registerEntries } from '../../src/lib/server/documents/register';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

/** This file's render pool, as server/main.ts makes the app's. */
const renderer = testRenderer();

let ctx: TestContext;
let world: World;
const dir = mkdtempSync(join(tmpdir(), 'ocop-register-'));

function text(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const req = (subject: string, over: Partial<Parameters<typeof issueNumber>[1]> = {}) => ({
	issuer: 'council:test',
	kind: 'BB',
	bodySymbol: 'HĐOCOP',
	year: 2026,
	subject,
	now: 1,
	...over
});

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
});

afterAll(() => {
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('document register', () => {
	it('numbers from 01 per body, kind and year, and keeps a number for its subject', () => {
		expect(issueNumber(ctx.db, req('a')).symbol).toBe('01/BB-HĐOCOP');
		expect(issueNumber(ctx.db, req('b')).symbol).toBe('02/BB-HĐOCOP');
		expect(issueNumber(ctx.db, req('a')).symbol).toBe('01/BB-HĐOCOP'); // printed again
		expect(issueNumber(ctx.db, req('c', { kind: 'BC' })).symbol).toBe('01/BC-HĐOCOP');
		expect(issueNumber(ctx.db, req('d', { year: 2027 })).symbol).toBe('01/BB-HĐOCOP');
		expect(issueNumber(ctx.db, req('e', { issuer: 'council:other' })).symbol).toBe('01/BB-HĐOCOP');
		for (let i = 0; i < 9; i++) issueNumber(ctx.db, req(`many-${i}`));
		expect(issueNumber(ctx.db, req('eleventh')).symbol).toBe('12/BB-HĐOCOP');
	});

	it('refuses to change or remove an issued number, so none is issued twice', () => {
		const sqlite = ctx.db.$client;
		expect(() =>
			sqlite.prepare("update document_register set subject = 'x' where subject = 'a'").run()
		).toThrow(/immutable/);
		expect(() => sqlite.prepare("delete from document_register where subject = 'b'").run()).toThrow(
			/immutable/
		);
		expect(() =>
			sqlite
				.prepare(
					"insert into document_register (issuer, kind, year, number, symbol, subject, issued_at) values ('council:test', 'BB', 2026, 1, '01/BB-HĐOCOP', 'dup', 1)"
				)
				.run()
		).toThrow(/UNIQUE/);
		// After all that the next number still follows the highest issued one.
		expect(issueNumber(ctx.db, req('after')).symbol).toBe('13/BB-HĐOCOP');
	});

	it('prints the registered numbers on the documents, one per document', async () => {
		const a = lockProduct(ctx.db, world, {
			key: 'snack',
			name: 'Snack chuối Bana',
			setNo: 7,
			ranks: [1, 1, 1, 1],
			closedAt: ctx.now()
		});
		const b = lockProduct(ctx.db, world, {
			key: 'banh',
			name: 'Bánh dừa nướng Quý Thu',
			setNo: 6,
			ranks: [1, 1, 1, 1],
			closedAt: ctx.now() + 60_000
		});
		const ra = await reportDocument(renderer, ctx.db, a.seq, { published: false });
		const rb = await reportDocument(renderer, ctx.db, b.seq, { published: false });
		const ra2 = await reportDocument(renderer, ctx.db, a.seq, { published: false });
		expect(ra!.number).toBe('01/BC-HĐOCOP');
		expect(rb!.number).toBe('02/BC-HĐOCOP');
		expect(ra2!.number).toBe(ra!.number);
		expect(text(rb!.pdf)).toContain('Số: 02/BC-HĐOCOP');
		const minutes = text((await minutesDocument(renderer, ctx.db, world.sittingId))!);
		const again = text((await minutesDocument(renderer, ctx.db, world.sittingId))!);
		expect(minutes).toContain('Số: 01/BB-HĐOCOP');
		expect(again).toContain('Số: 01/BB-HĐOCOP');
		const mine = registerEntries(ctx.db, `council:${world.councilId}`);
		expect(mine.map((e) => e.symbol).sort()).toEqual([
			'01/BB-HĐOCOP',
			'01/BC-HĐOCOP',
			'02/BC-HĐOCOP'
		]);
		expect(new Set(mine.map((e) => e.subject)).size).toBe(mine.length);
	});
});
