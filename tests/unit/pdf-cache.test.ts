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
});
