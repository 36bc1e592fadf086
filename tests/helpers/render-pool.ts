import {
	localRenderPool,
	signedRenderer,
	type PdfRenderer
} from '../../src/lib/server/documents/render-pool';

/** A render pool of the real worker script, made once per test file as main.ts makes one. */
export function testRenderer(): PdfRenderer & { close(): Promise<void> } {
	const pool = localRenderPool();
	return { ...signedRenderer(pool), close: () => pool.close() };
}
