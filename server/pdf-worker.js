// A PDF render worker (see src/lib/server/documents/render-pool.ts): pdfkit layout, font
// embedding and signing take 100–300 ms of CPU each, which must not be the event loop's that
// serves live scoring. Plain JavaScript outside the SvelteKit bundle, so the built app and the
// tests start the same file; the renderers are TypeScript, loaded through tsx as main.ts is.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { lowerThisThread } from './render-priority.js';

// First, so that loading the renderers already runs at the lower priority.
const priority = lowerThisThread(workerData?.nice ?? 19);
register();
const { renderJob } = await import('../src/lib/server/documents/render-job.ts');

/** The gathering side, loaded with the first document this thread is asked to gather. */
let gatherer = null;

async function gathered({ file, request }, signer) {
	gatherer ??= await import('../src/lib/server/documents/worker-gather.ts');
	return gatherer.gatheredPdf(file, request, signer);
}

parentPort.on('message', async ({ id, json, signer }) => {
	try {
		// The job comes as its JSON text (render-pool.ts, SerializedJob).
		const job = JSON.parse(json);
		const pdf = job.kind === 'gather' ? await gathered(job, signer) : await renderJob(job, signer);
		if (pdf === null) return parentPort.postMessage({ id, missing: true });
		// A standalone ArrayBuffer is moved to the main thread rather than copied; but a gathered
		// document stays in this thread's cache (pdf-cache.ts), and moving its bytes would leave
		// the cache an empty buffer to answer the next download with: that one is copied.
		const whole =
			job.kind !== 'gather' && pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
		const bytes = whole
			? pdf.buffer
			: pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
		parentPort.postMessage({ id, pdf: bytes }, [bytes]);
	} catch (e) {
		parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
	}
});
parentPort.postMessage({ ready: true, ...priority });
