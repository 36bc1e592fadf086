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

describe('documents asked for together', () => {
	it('gather one at a time with live work in between, and do not wait for each other’s render', async () => {
		const log: string[] = [];
		let finishA!: (pdf: string) => void;
		const a = rendering('vi', () => {
			log.push('gather a');
			// What arrives meanwhile (a live tick) is scheduled while a's data is gathered.
			setImmediate(() => log.push('tick'));
			return new Promise<string>((resolve) => (finishA = resolve));
		});
		const b = rendering('vi', async () => {
			log.push('gather b');
			return 'b';
		});
		// b is served while a still renders: only the gathering takes turns.
		expect(await b).toBe('b');
		expect(log).toEqual(['gather a', 'tick', 'gather b']);
		finishA('a');
		expect(await a).toBe('a');
	});

	it('a document whose gathering throws does not hold back the next one', async () => {
		const broken = rendering('vi', () => {
			throw new TypeError('bug');
		});
		await expect(broken).rejects.toThrow('bug');
		expect(await rendering('vi', async () => 'next')).toBe('next');
	});
});
