import { createHash } from 'node:crypto';
import type { RenderJob } from './render-job';
import { serialize, type PdfRenderer } from './render-pool';

/** About 30 documents of a few hundred KiB: enough for a round's reports being downloaded. */
const MAX_BYTES = 32 * 1024 * 1024;

const cache = new Map<string, Buffer>();
/** Renders under way: a burst of requests for the same new document waits for one render. */
const pending = new Map<string, Promise<Buffer>>();
let bytes = 0;

/**
 * Rendering a PDF with embedded Vietnamese fonts takes 100–300 ms of a render worker's time
 * (render-pool.ts), and the workers are few. Documents are pure functions of their inputs, so the same inputs
 * (hashed: any change to the record, the names or the signers is a new key) are rendered once
 * and served from memory after that; a public report fetched a thousand times costs one render.
 */
/**
 * A render job's PDF, from the cache or a render thread. The job's JSON text is made once: it is
 * both the cache key's input and what the render thread receives.
 */
export function cachedRender(renderer: PdfRenderer, job: RenderJob): Promise<Buffer> {
	const serialized = serialize(job);
	return cachedByText(serialized.json, () => renderer.render(serialized));
}

async function cachedByText(text: string, render: () => Promise<Buffer>): Promise<Buffer> {
	const key = createHash('sha256').update(text).digest('base64url');
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key); // most recently used goes last
		cache.set(key, hit);
		return hit;
	}
	const running = pending.get(key);
	if (running) return running;
	const rendering = render().finally(() => pending.delete(key));
	pending.set(key, rendering);
	const pdf = await rendering;
	cache.set(key, pdf);
	bytes += pdf.byteLength;
	for (const [k, v] of cache) {
		if (bytes <= MAX_BYTES) break;
		cache.delete(k);
		bytes -= v.byteLength;
	}
	return pdf;
}
