import type { WebSocket } from 'ws';
import type { YjsStore } from './store';

interface Outgoing {
	ws: WebSocket;
	bytes: Uint8Array;
}

/**
 * Accepted updates are appended to SQLite in one transaction per turn of the event loop (every
 * message read in that turn), and nothing that could reveal them (a broadcast, a "saved" frame,
 * a sync answer) leaves the server before that commit. One commit per turn instead of one per
 * tick is what keeps a national load of ticks cheap: SQLite's cost is per transaction, not per row.
 */
export class WriteBehind {
	private queue: { doc: string; update: Uint8Array }[] = [];
	private outbox: Outgoing[] = [];
	private tasks: (() => void)[] = [];
	private scheduled = false;

	constructor(
		private readonly store: YjsStore,
		/** The commit failed: memory and disk now disagree for these documents. */
		private readonly onFailure: (docs: Set<string>, error: unknown) => void
	) {}

	append(doc: string, update: Uint8Array): void {
		this.queue.push({ doc, update });
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

	/** Where the pending work stands now, to undo what follows with `rollback`. */
	mark(): { queue: number; outbox: number; tasks: number } {
		return { queue: this.queue.length, outbox: this.outbox.length, tasks: this.tasks.length };
	}

	/**
	 * Drops everything queued since `mark` (same turn, nothing of it has left the server): an
	 * update that Yjs half applied before throwing is neither stored nor shown to anyone.
	 */
	rollback(mark: { queue: number; outbox: number; tasks: number }): void {
		this.queue.length = Math.min(this.queue.length, mark.queue);
		this.outbox.length = Math.min(this.outbox.length, mark.outbox);
		this.tasks.length = Math.min(this.tasks.length, mark.tasks);
	}

	/** Commits what is pending now; used on shutdown and by tests. */
	flush(): void {
		if (!this.scheduled) return;
		this.scheduled = false;
		const { queue, outbox, tasks } = this;
		this.queue = [];
		this.outbox = [];
		this.tasks = [];
		try {
			if (queue.length > 0) this.store.appendMany(queue);
		} catch (e) {
			// The failed documents' connections are closed by onFailure; their queued frames are
			// then dropped by the readyState check below, while other documents' frames still go.
			this.onFailure(new Set(queue.map((q) => q.doc)), e);
		}
		for (const { ws, bytes } of outbox) if (ws.readyState === ws.OPEN) ws.send(bytes);
		for (const task of tasks) task();
	}

	private schedule(): void {
		if (this.scheduled) return;
		this.scheduled = true;
		setImmediate(() => this.flush());
	}
}
