import { describe, expect, it } from 'vitest';
import { cachedRender } from '../../src/lib/server/documents/pdf-cache';
import type { RenderJob } from '../../src/lib/server/documents/render-job';
import type { PdfRenderer, SerializedJob } from '../../src/lib/server/documents/render-pool';

/** A job of some kind with these inputs (the cache reads only its JSON). */
const job = (kind: string, input: object) => ({ kind, input }) as unknown as RenderJob;

/** A renderer that counts its renders and keeps what it was handed. */
function counting(make: (n: number) => Promise<Buffer>) {
	const handed: (RenderJob | SerializedJob)[] = [];
	const renderer: PdfRenderer = { render: (j) => (handed.push(j), make(handed.length)) };
	return { renderer, handed };
}

describe('rendered documents are reused only for the same inputs', () => {
	it('renders once per distinct input, and again when anything in it changes', async () => {
		const { renderer, handed } = counting(async (n) => Buffer.from(`pdf#${n}`));
		const input = { seq: 7, signers: { chair: 'Nguyễn Văn A' } };
		const first = await cachedRender(renderer, job('report', input));
		const again = await cachedRender(renderer, job('report', { ...input }));
		expect(again).toBe(first);
		expect(handed).toHaveLength(1);
		// The render thread is handed the job's JSON text, the same text the key is made from;
		// a renderer in the same thread (a gathering render thread) also gets the job itself.
		expect((handed[0] as SerializedJob).json).toBe(JSON.stringify(job('report', input)));
		expect((handed[0] as SerializedJob).job).toEqual(job('report', input));
		const renamed = { ...input, signers: { chair: 'Trần Thị B' } };
		const other = await cachedRender(renderer, job('report', renamed));
		expect(other).not.toBe(first);
		expect(handed).toHaveLength(2);
		// Same inputs, another kind of document: not confused with the report.
		await cachedRender(renderer, job('minutes', input));
		expect(handed).toHaveLength(3);
	});

	it('renders a burst of requests for the same new document once, and does not keep a failure', async () => {
		let finish!: () => void;
		const slow = counting(
			(n) => new Promise<Buffer>((resolve) => (finish = () => resolve(Buffer.from(`burst#${n}`))))
		);
		const burst = Array.from({ length: 20 }, () =>
			cachedRender(slow.renderer, job('burst', { seq: 9 }))
		);
		await Promise.resolve();
		finish();
		const pdfs = await Promise.all(burst);
		expect(slow.handed).toHaveLength(1);
		expect(new Set(pdfs).size).toBe(1);

		const failing = counting(async () => {
			throw new Error('busy');
		});
		await expect(cachedRender(failing.renderer, job('burst', { seq: 10 }))).rejects.toThrow('busy');
		const ok = counting(async () => Buffer.from('ok'));
		const retried = await cachedRender(ok.renderer, job('burst', { seq: 10 }));
		expect(retried.toString()).toBe('ok');
	});
});
