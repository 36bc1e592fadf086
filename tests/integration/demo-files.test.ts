import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierFiles } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { seedDemoFiles } from '../../src/lib/server/seed/demo-files';
import { readStored } from '../../src/lib/server/uploads/store';
import { sniff } from '../../src/lib/server/uploads/sniff';
import { makeTestContext, type TestContext } from '../helpers/context';

// `npm run demo` gives the dossiers on today's sitting real files, so a newcomer's first sitting
// has a dossier to read and turn the pages of.
let ctx: TestContext;
beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterAll(() => ctx.cleanup());

describe('the demo dossiers’ files', () => {
	it('are made once: PDFs with pages to turn and a photo, each what its bytes say', async () => {
		expect(await seedDemoFiles(ctx.db, ctx.config.uploadDir, ctx.now())).toBe(8);
		expect(await seedDemoFiles(ctx.db, ctx.config.uploadDir, ctx.now())).toBe(0);
		const files = ctx.db
			.select()
			.from(dossierFiles)
			.where(eq(dossierFiles.dossierId, 'demo-product-snack-chuoi-v1'))
			.all();
		expect(files.map((f) => f.kind).sort()).toEqual([
			'advisory-report',
			'evidence',
			'evidence',
			'lab-result'
		]);
		for (const f of files) {
			const bytes = readStored(ctx.config.uploadDir, f.storedName);
			const sniffed = sniff(bytes);
			expect(sniffed.ok && sniffed.mime).toBe(f.mime);
			if (f.mime !== 'application/pdf') continue;
			const path = join(ctx.config.uploadDir, f.storedName);
			const pages = Number(
				/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]
			);
			const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
			expect(text).toContain('Snack chuối Bana');
			expect(text).toContain('Tài liệu minh họa của bản demo');
			// Every page is a page of content: none spills onto an empty one.
			expect(text.match(/Trang \d+\/\d+/g)?.length).toBe(pages);
		}
	});
});
