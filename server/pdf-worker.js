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

parentPort.on('message', async ({ id, json, signer }) => {
	try {
		// The job comes as its JSON text (render-pool.ts, SerializedJob).
		const pdf = await renderJob(JSON.parse(json), signer);
		// A standalone ArrayBuffer is moved to the main thread rather than copied.
		const whole = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
		const bytes = whole
			? pdf.buffer
			: pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength);
		parentPort.postMessage({ id, pdf: bytes }, [bytes]);
	} catch (e) {
		parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
	}
});
parentPort.postMessage({ ready: true, ...priority });
