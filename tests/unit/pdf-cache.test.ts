import { describe, expect, it } from 'vitest';
import { cachedPdf } from '../../src/lib/server/documents/pdf-cache';

describe('rendered documents are reused only for the same inputs', () => {
	it('renders once per distinct input, and again when anything in it changes', async () => {
		let renders = 0;
		const render = (text: string) => async () => {
			renders++;
			return Buffer.from(`${text}#${renders}`);
		};
		const input = { seq: 7, signers: { chair: 'Nguyễn Văn A' } };
		const first = await cachedPdf('report-test', input, render('a'));
		const again = await cachedPdf('report-test', { ...input }, render('a'));
		expect(again).toBe(first);
		expect(renders).toBe(1);
		const renamed = { ...input, signers: { chair: 'Trần Thị B' } };
		const other = await cachedPdf('report-test', renamed, render('b'));
		expect(other).not.toBe(first);
		expect(renders).toBe(2);
		// Same inputs, another kind of document: not confused with the report.
		await cachedPdf('minutes-test', input, render('c'));
		expect(renders).toBe(3);
	});

	it('renders a burst of requests for the same new document once, and does not keep a failure', async () => {
		let renders = 0;
		let finish!: () => void;
		const slow = () =>
			new Promise<Buffer>((resolve) => {
				renders++;
				finish = () => resolve(Buffer.from(`burst#${renders}`));
			});
		const burst = Array.from({ length: 20 }, () => cachedPdf('burst-test', { seq: 9 }, slow));
		await Promise.resolve();
		finish();
		const pdfs = await Promise.all(burst);
		expect(renders).toBe(1);
		expect(new Set(pdfs).size).toBe(1);

		const failing = async () => {
			renders++;
			throw new Error('busy');
		};
		await expect(cachedPdf('burst-test', { seq: 10 }, failing)).rejects.toThrow('busy');
		const retried = await cachedPdf('burst-test', { seq: 10 }, async () => Buffer.from('ok'));
		expect(retried.toString()).toBe('ok');
	});
});
