import type { WebSocket } from 'ws';
import type { AppendRow, YjsStore } from './store';

interface Outgoing {
	ws: WebSocket;
	bytes: Uint8Array;
}

/**
 * Accepted updates are appended to SQLite in one transaction per turn of the event loop (every
 * message read in that turn), and nothing that could reveal them (a broadcast, a "saved" frame,
 * a sync answer) leaves the server before that commit. One commit per turn instead of one per
 * tick is what keeps a national load of ticks cheap: SQLite's cost is per transaction, not per row.
 *
 * When another connection holds SQLite's write lock (the checkpoint thread restarting the log,
 * a render thread numbering a document, an operator's tool), the turn's commit does not wait in
 * SQLite's busy handler, which would hold the event loop (its sleeps of 1, 2, 5, 10, 15 ms made
 * a lock held for 3 ms an 8 ms stall, 18 and 33 ms ones under document downloads). It tries
 * again a millisecond later, for as long as the connection's busy timeout, while the event loop
 * goes on reading; what arrives meanwhile joins the batch, and everything it would reveal waits
 * as before. Past the timeout the batch has failed, as a waiting write would have.
 */
export class WriteBehind {
	private queue: AppendRow[] = [];
	private outbox: Outgoing[] = [];
	private tasks: (() => void)[] = [];
	private scheduled = false;
	/** When the pending commit first found the lock taken (performance.now()), else null. */
	private busySince: number | null = null;
	private retry: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly store: YjsStore,
		/** The commit failed: memory and disk now disagree for these documents. */
		private readonly onFailure: (docs: Set<string>, error: unknown) => void
	) {}

	append(doc: string, update: Uint8Array, author?: string): void {
		this.queue.push(author ? { doc, update, author } : { doc, update });
		this.schedule();
	}

	/** Sends now, or after the pending commit so that order per connection is kept. */
	send(ws: WebSocket, bytes: Uint8Array): void {
		if (this.scheduled) this.outbox.push({ ws, bytes });
		else if (ws.readyState === ws.OPEN) ws.send(bytes);
	}

	/** Runs once the pending appends are on disk (at once when none are pending). */
	afterCommit(task: () => void): void {
		if (this.scheduled) this.tasks.push(task);
		else task();
	}

	/**
	 * Commits what is pending now, waiting for the lock if need be: on shutdown, before a
	 * document is loaded from the log (hub.ts), and by tests.
	 */
	flush(): void {
		this.commit(true);
	}

	private commit(wait: boolean): void {
		if (!this.scheduled) return;
		const { queue, outbox, tasks } = this;
		let error: unknown = null;
		if (queue.length > 0) {
			let written = true;
			try {
				if (wait) this.store.appendMany(queue);
				else written = this.store.tryAppendMany(queue);
			} catch (e) {
				error = e;
			}
			if (!written) {
				const now = performance.now();
				this.busySince ??= now;
				if (now - this.busySince < this.store.busyTimeoutMs) return this.tryAgain();
				error = new Error(
					`database is locked: the write lock stayed taken for ${Math.round(now - this.busySince)} ms`
				);
			}
		}
		if (this.retry) clearTimeout(this.retry);
		this.retry = null;
		this.busySince = null;
		this.scheduled = false;
		this.queue = [];
		this.outbox = [];
		this.tasks = [];
		// The failed documents' connections are closed by onFailure; their queued frames are
		// then dropped by the readyState check below, while other documents' frames still go.
		if (error !== null) this.onFailure(new Set(queue.map((q) => q.doc)), error);
		for (const { ws, bytes } of outbox) if (ws.readyState === ws.OPEN) ws.send(bytes);
		for (const task of tasks) task();
	}

	/** The lock was taken: the same batch (and whatever joins it) again in a millisecond. */
	private tryAgain(): void {
		this.retry = setTimeout(() => {
			this.retry = null;
			this.commit(false);
		}, 1);
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => this.commit(false));
	}
}
