// Stands in for server/pdf-worker.js in the render pool's tests: the same protocol, with jobs
// that succeed, fail, crash the thread or never finish, on demand.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { lowerThisThread } from '../../server/render-priority.js';

// As the real worker does, so the pool's tests see the priority it asked for.
const priority = lowerThisThread(workerData?.nice ?? 0);

parentPort.on('message', ({ id, json }) => {
	const job = JSON.parse(json);
	if (job.kind === 'crash') process.exit(7);
	if (job.kind === 'hang') for (;;);
	if (job.kind === 'fail') return parentPort.postMessage({ id, error: 'bad input' });
	const started = performance.timeOrigin + performance.now();
	const until = Date.now() + (job.ms ?? 0);
	while (Date.now() < until); // CPU work, as a layout is
	const bytes = new TextEncoder().encode(
		`%PDF-stand-in ${threadId} ${job.tag ?? ''} started=${started}`
	).buffer;
	parentPort.postMessage({ id, pdf: bytes }, [bytes]);
});
parentPort.postMessage({ ready: true, ...priority });
