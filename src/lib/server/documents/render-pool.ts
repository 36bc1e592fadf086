// A small pool of worker threads that render the documents (server/pdf-worker.js). Rendering
// a PDF takes 100–300 ms of CPU; on the main thread four at once held live scoring's ticks back
// by seconds. Here the main thread hands over either a job it gathered or, for downloads, only
// the document's name (GatherJob: the thread reads the database itself), and receives the
// finished bytes; each render thread runs at the lowest CPU priority (server/render-priority.js),
// so on a server with one or two cores the event loop gets the core first whenever both want it.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../config';
import type { RenderJob } from './render-job';
import type { DocumentRequest } from './request';
import { documentSigner, type DocumentSigner } from './signing';

export interface RenderPoolOptions {
	/** The worker script: server/pdf-worker.js, or a stand-in in tests. */
	entry: string | URL;
	/** Workers at most; they start on first use and stay. */
	size: number;
	/** Jobs that may wait for a worker; beyond that a request is refused at once. */
	maxQueue: number;
	/** A render taking longer is stopped with its worker (a stuck layout must not hold a slot). */
	timeoutMs: number;
	/** The render threads' nice value, 0 (the event loop's) to 19 (yield to everything). */
	nice?: number;
	/**
	 * The share of one core (0–1] each render thread may use now: after a render of r ms it rests
	 * r × (1 − share) / share ms before its next. Asked after every render; 1 (the default) never
	 * rests. The entry point passes the configured share while live documents are open, else 1.
	 */
	share?: () => number;
}

/**
 * `code` rather than `instanceof`: the pool made by server/main.ts and the routes in the
 * SvelteKit bundle are different copies of this module.
 */
export class RenderError extends Error {
	constructor(
		readonly code: 'PDF_BUSY' | 'PDF_FAILED',
		message: string
	) {
		super(message);
		this.name = 'RenderError';
	}
}

export function isRenderError(e: unknown, code: RenderError['code']): boolean {
	return e instanceof Error && (e as Partial<RenderError>).code === code;
}

interface WorkerMessage {
	ready?: true;
	tid?: number | null;
	nice?: number | null;
	id?: number;
	pdf?: ArrayBuffer;
	/** A gathered document whose record does not exist (or is not readable as asked). */
	missing?: true;
	error?: string;
}

/**
 * A job as it crosses to a render thread: its JSON text. A job is plain data, and the PDF cache
 * hashes this same text for its key (pdf-cache.ts), so the job is serialised once, not once for
 * the key and again by postMessage's structured clone.
 */
export interface SerializedJob {
	json: string;
	/** The job itself, for a renderer in the same thread (only `json` crosses to a worker). */
	job?: RenderJob;
}

export function serialize(job: RenderJob): SerializedJob {
	return { json: JSON.stringify(job), job };
}

/**
 * A document asked for by what names it, for a render thread that gathers its data itself from
 * the database file (its own connection; server/pdf-worker.js): the event loop then spends on a
 * download only the request and the bytes, not the queries, the job's JSON and its hash.
 */
export interface GatherJob {
	kind: 'gather';
	file: string;
	request: DocumentRequest;
}

interface Task {
	id: number;
	job: SerializedJob;
	signer: DocumentSigner | null;
	resolve(pdf: Buffer | null): void;
	reject(e: Error): void;
}

interface Slot {
	worker: Worker;
	ready: boolean;
	task: Task | null;
	timer: NodeJS.Timeout | null;
	/** Why the worker is going away, for the job it was running. */
	failure: string | null;
	/** The worker's kernel thread id and nice value, as it reported them once ready. */
	thread: RenderThread | null;
	/** When its running job was handed over (performance.now()). */
	startedAt: number;
	/** It takes no job before this time (performance.now()): the rest after a render. */
	restUntil: number;
}

export interface RenderThread {
	/** Linux thread id (null elsewhere): /proc/self/task/<tid>. */
	tid: number | null;
	nice: number | null;
}

export class RenderPool {
	private slots: Slot[] = [];
	private queue: Task[] = [];
	private nextId = 1;
	private closed = false;
	private wake: NodeJS.Timeout | null = null;

	constructor(private readonly opts: RenderPoolOptions) {}

	/** Workers alive now (started or starting), for tests and shutdown checks. */
	get workers(): number {
		return this.slots.length;
	}

	/** The ready workers' threads and their priority, for tests and diagnostics. */
	get threads(): RenderThread[] {
		return this.slots.flatMap((s) => (s.thread ? [s.thread] : []));
	}

	async render(job: RenderJob | SerializedJob, signer: DocumentSigner | null): Promise<Buffer> {
		const pdf = await this.enqueue('json' in job ? job : serialize(job), signer);
		if (!pdf) throw new RenderError('PDF_FAILED', 'render returned nothing');
		return pdf;
	}

	/**
	 * A document the render thread gathers from the database file itself and renders; null when
	 * what the request names does not exist.
	 */
	gather(
		file: string,
		request: DocumentRequest,
		signer: DocumentSigner | null
	): Promise<Buffer | null> {
		const job: GatherJob = { kind: 'gather', file, request };
		return this.enqueue({ json: JSON.stringify(job) }, signer);
	}

	private enqueue(job: SerializedJob, signer: DocumentSigner | null): Promise<Buffer | null> {
		if (this.closed) return Promise.reject(new RenderError('PDF_FAILED', 'render pool closed'));
		// Jobs in the queue beyond what free (or not yet started) workers will take are the wait.
		const busy = this.slots.filter((s) => s.task).length;
		if (this.queue.length >= this.opts.maxQueue + this.opts.size - busy)
			return Promise.reject(new RenderError('PDF_BUSY', 'too many documents waiting to render'));
		return new Promise((resolve, reject) => {
			this.queue.push({ id: this.nextId++, job, signer, resolve, reject });
			this.pump();
		});
	}

	/** Stops every worker; queued and running jobs fail. Nothing is left to keep the process up. */
	async close(): Promise<void> {
		this.closed = true;
		for (const task of this.queue.splice(0))
			task.reject(new RenderError('PDF_FAILED', 'server shutting down'));
		if (this.wake) clearTimeout(this.wake);
		this.wake = null;
		await Promise.all(
			this.slots.map((s) => {
				s.failure ??= 'server shutting down';
				return s.worker.terminate();
			})
		);
	}

	private pump(): void {
		const now = performance.now();
		let resting = Infinity;
		for (const slot of this.slots) {
			if (this.queue.length === 0) return;
			if (!slot.ready || slot.task) continue;
			if (slot.restUntil > now) resting = Math.min(resting, slot.restUntil);
			else this.assign(slot, this.queue.shift()!);
		}
		if (this.queue.length > 0 && resting < Infinity && !this.wake) {
			this.wake = setTimeout(() => {
				this.wake = null;
				this.pump();
			}, resting - now);
			this.wake.unref();
		}
		const starting = this.slots.filter((s) => !s.ready).length;
		for (let n = this.queue.length - starting; n > 0 && this.slots.length < this.opts.size; n--)
			this.spawn();
	}

	private assign(slot: Slot, task: Task): void {
		slot.task = task;
		slot.startedAt = performance.now();
		slot.worker.ref();
		slot.timer = setTimeout(() => {
			slot.failure = `render took longer than ${this.opts.timeoutMs} ms`;
			void slot.worker.terminate();
		}, this.opts.timeoutMs);
		slot.worker.postMessage({ id: task.id, json: task.job.json, signer: task.signer });
	}

	private spawn(): void {
		// A runaway document must not take the server's memory with it.
		const worker = new Worker(this.opts.entry, {
			resourceLimits: { maxOldGenerationSizeMb: 512 },
			workerData: { nice: this.opts.nice ?? 19 }
		});
		const slot: Slot = {
			worker,
			ready: false,
			task: null,
			timer: null,
			failure: null,
			thread: null,
			startedAt: 0,
			restUntil: 0
		};
		this.slots.push(slot);
		worker.on('message', (m: WorkerMessage) => {
			if (m.ready) {
				slot.ready = true;
				slot.thread = { tid: m.tid ?? null, nice: m.nice ?? null };
				worker.unref();
				return this.pump();
			}
			const task = slot.task;
			if (!task || task.id !== m.id) return;
			this.rest(slot);
			this.settle(slot);
			worker.unref();
			if (m.pdf) task.resolve(Buffer.from(m.pdf));
			else if (m.missing) task.resolve(null);
			else {
				// The reader gets a plain "could not be made" (http.ts); the operator the reason.
				if (!this.closed) console.error('PDF render failed:', m.error);
				task.reject(new RenderError('PDF_FAILED', m.error ?? 'render failed'));
			}
			this.pump();
		});
		worker.on('error', (e) => {
			slot.failure ??= `render worker crashed: ${e.message}`;
		});
		worker.on('exit', (code) => {
			this.slots.splice(this.slots.indexOf(slot), 1);
			const task = slot.task;
			this.settle(slot);
			const why = slot.failure ?? `render worker exited (${code})`;
			if (task) task.reject(new RenderError('PDF_FAILED', why));
			if (!slot.ready && !task) {
				// It never started (a broken install): starting another would fail the same way.
				for (const t of this.queue.splice(0)) t.reject(new RenderError('PDF_FAILED', why));
				if (!this.closed) console.error('PDF render worker failed to start:', why);
				return;
			}
			if (task && !this.closed) console.error('PDF render failed:', why);
			if (!this.closed) this.pump();
		});
	}

	/**
	 * Documents give way to live scoring: on a server of one or two cores a render thread that
	 * took the core back to back (50 downloads at once) pushed as many downloads through the event
	 * loop as it could render and shared the core with it all the time; the live ticks' p99 rose
	 * to 15-20 ms in the bench. Resting in proportion to the render keeps its share bounded.
	 */
	private rest(slot: Slot): void {
		const share = Math.min(1, Math.max(0.01, this.opts.share?.() ?? 1));
		if (share >= 1) return;
		const now = performance.now();
		slot.restUntil = now + (now - slot.startedAt) * (1 / share - 1);
	}

	private settle(slot: Slot): void {
		if (slot.timer) clearTimeout(slot.timer);
		slot.timer = null;
		slot.task = null;
	}
}

export function poolOptions(
	config: { workers: number; queueLimit: number; renderNice: number; liveShare: number },
	entry: string | URL,
	/** Whether live documents (scorecards, notes, boards) are open now. */
	live: () => boolean = () => false
): RenderPoolOptions {
	return {
		entry,
		size: config.workers,
		maxQueue: config.queueLimit,
		timeoutMs: 60_000,
		nice: config.renderNice,
		share: () => (live() ? config.liveShare : 1)
	};
}

/** Renders one document, signed as this process's signer says: what the document code needs. */
export interface PdfRenderer {
	render(job: RenderJob | SerializedJob): Promise<Buffer>;
	/**
	 * Gathers and renders a document off the event loop, from the database file at `file`
	 * (a render thread's own connection). Absent where the renderer runs in the same thread.
	 */
	gather?(file: string, request: DocumentRequest): Promise<Buffer | null>;
}

/**
 * The pool as the document code uses it. The entry point makes one (server/main.ts) and hands
 * it to SvelteKit with each request (app-services.ts); tests make their own.
 */
export function signedRenderer(pool: RenderPool): PdfRenderer {
	return {
		render: (job) => pool.render(job, documentSigner()),
		gather: (file, request) => pool.gather(file, request, documentSigner())
	};
}

/** A pool of server/pdf-worker.js workers, from the project's folder (tests, `vite dev`). */
export function localRenderPool(): RenderPool {
	return new RenderPool(
		poolOptions(loadConfig().documents, join(process.cwd(), 'server', 'pdf-worker.js'))
	);
}
