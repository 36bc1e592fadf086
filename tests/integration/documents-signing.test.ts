// PAdES: the documents are signed with the issuing body's PKCS#12 (here a self-signed one), the
// signature verifies in poppler's pdfsig, and any changed byte breaks it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesDocument, reportDocument } from '../../src/lib/server/documents';
import { selfSignedP12, useDocumentSigner } from '../../src/lib/server/documents/signing';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

/** This file's render pool, as server/main.ts makes the app's. */
const renderer = testRenderer();

let ctx: TestContext;
let world: World;
let seq: number;
const dir = mkdtempSync(join(tmpdir(), 'ocop-signing-'));

function pdfsig(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
	return `${run.stdout}${run.stderr}`;
}

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	seq = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [1, 1, 1, 1],
		closedAt: ctx.now()
	}).seq;
	useDocumentSigner({
		p12: selfSignedP12('Hội đồng đánh giá, phân hạng sản phẩm OCOP (thử)', 'mật-khẩu'),
		passphrase: 'mật-khẩu',
		name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP',
		location: 'Đà Nẵng'
	});
});

afterAll(() => {
	useDocumentSigner(null);
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('signed documents', () => {
	it('carry a PAdES signature that pdfsig verifies', async () => {
		const { pdf } = (await reportDocument(renderer, ctx.db, seq, { published: false }))!;
		const out = pdfsig(pdf);
		expect(out).toContain('Signature #1');
		expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
		expect(out).toContain('Signature Validation: Signature is Valid.');
		expect(out).toContain('Total document signed');
		expect(out).toContain('Hội đồng đánh giá, phân hạng sản phẩm OCOP (thử)');
		const minutes = (await minutesDocument(renderer, ctx.db, world.sittingId))!;
		expect(pdfsig(minutes)).toContain('Signature Validation: Signature is Valid.');
	});

	it('break when any byte of the signed content changes', async () => {
		const { pdf } = (await reportDocument(renderer, ctx.db, seq, { published: false }))!;
		const text = pdf.toString('latin1');
		// A byte in the page content, outside the signature's own /Contents.
		const at = text.indexOf('/Producer');
		expect(at).toBeGreaterThan(0);
		const changed = Buffer.from(pdf);
		changed[at + 2] = changed[at + 2] ^ 0x01;
		const out = pdfsig(changed);
		expect(out).not.toContain('Signature is Valid.');
		expect(out).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
		// And a byte at the very end of the signed range too.
		const tail = Buffer.from(pdf);
		tail[tail.length - 5] = tail[tail.length - 5] ^ 0x01;
		expect(pdfsig(tail)).not.toContain('Signature is Valid.');
	});

	it('are issued unsigned when no certificate is configured', async () => {
		useDocumentSigner(null);
		const other = lockProduct(ctx.db, world, {
			key: 'banh',
			name: 'Bánh dừa nướng Quý Thu',
			setNo: 6,
			ranks: [1, 1, 1, 1],
			closedAt: ctx.now() + 1000
		});
		const { pdf } = (await reportDocument(renderer, ctx.db, other.seq, { published: false }))!;
		expect(pdfsig(pdf)).toContain('does not contain any signatures');
		expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain(
			'Bánh dừa nướng Quý Thu'
		);
	});
});
