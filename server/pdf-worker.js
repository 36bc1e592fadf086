// A PDF render worker (see src/lib/server/documents/render-pool.ts): pdfkit layout, font
// embedding and signing take 100–300 ms of CPU each, which must not be the event loop's that
// serves live scoring. Plain JavaScript outside the SvelteKit bundle, so the built app and the
// tests start the same file; the renderers are TypeScript, loaded through tsx as main.ts is.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// On Linux the nice value is per thread, and 0 names the calling one: this render thread yields
// the CPU to the event loop's thread whenever both want it (a two-core server has little spare).
try {
	setPriority(0, 10);
} catch {
	// Not permitted here: rendering still runs, only without the lower priority.
}
register();
const { renderJob } = await import('../src/lib/server/documents/render-job.ts');

parentPort.on('message', async ({ id, job, signer }) => {
	try {
		const pdf = await renderJob(job, signer);
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
parentPort.postMessage({ ready: true });
