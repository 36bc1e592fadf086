import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { rendering } from '../../src/lib/server/documents/http';
import { RenderError } from '../../src/lib/server/documents/render-pool';

async function answer(locale: 'vi' | 'en', e: Error) {
	try {
		await rendering(locale, () => Promise.reject(e));
	} catch (thrown) {
		return thrown;
	}
	throw new Error('expected a refusal');
}

describe('a document that cannot be rendered now', () => {
	it('is refused as busy (503) in the reader’s language, not as a server error', async () => {
		const vi = await answer('vi', new RenderError('PDF_BUSY', 'queue full'));
		expect(isHttpError(vi, 503)).toBe(true);
		expect((vi as { body: { message: string } }).body.message).toMatch(/^Máy chủ đang bận/);
		const en = await answer('en', new RenderError('PDF_BUSY', 'queue full'));
		expect((en as { body: { message: string } }).body.message).toMatch(/^The server is busy/);
	});

	it('answers a failed render with a clear 500 and passes other errors on', async () => {
		const failed = await answer('vi', new RenderError('PDF_FAILED', 'render worker exited (7)'));
		expect(isHttpError(failed, 500)).toBe(true);
		expect((failed as { body: { message: string } }).body.message).toMatch(
			/^Không tạo được văn bản/
		);
		// Recognised by its code, since the pool and the routes may be different module copies.
		const copy = Object.assign(new Error('x'), { code: 'PDF_BUSY' });
		expect(isHttpError(await answer('en', copy), 503)).toBe(true);
		const other = new TypeError('bug');
		expect(await answer('vi', other)).toBe(other);
		expect(await rendering('vi', async () => 'pdf')).toBe('pdf');
	});
});
