import type { Database } from 'better-sqlite3';

/** A document's log is merged into one row once it holds this many updates. */
export const COMPACT_AFTER_ROWS = 200;

/** One update to append; `author` is counted against their share of a shared document. */
export interface AppendRow {
	doc: string;
	update: Uint8Array;
	author?: string;
}

export interface LoadedLog {
	updates: Uint8Array[];
	bytes: number;
}

/**
 * The Yjs update log in SQLite (table yjs_updates). Appends are synchronous: the rows are in the
 * WAL before the caller broadcasts (see WriteBehind), so a killed process loses nothing it had
 * shared.
 */
export class YjsStore {
	private readonly insert;
	private readonly select;
	private readonly remove;
	private readonly compactTx;
	private readonly appendTx;
	private readonly addWriterBytes;
	private readonly selectWriters;
	/** The connection's busy timeout (ms): how long a writer waits for another's lock. */
	readonly busyTimeoutMs: number;

	constructor(
		private readonly sqlite: Database,
		private readonly now: () => number
	) {
		this.busyTimeoutMs = Number(sqlite.pragma('busy_timeout', { simple: true }));
		this.insert = sqlite.prepare('insert into yjs_updates (doc, "update", at) values (?, ?, ?)');
		this.select = sqlite.prepare('select "update" as u from yjs_updates where doc = ? order by id');
		this.remove = sqlite.prepare('delete from yjs_updates where doc = ?');
		this.compactTx = sqlite.transaction((doc: string, merged: Uint8Array) => {
			this.remove.run(doc);
			this.insert.run(doc, Buffer.from(merged), this.now());
		});
		this.addWriterBytes = sqlite.prepare(
			`insert into yjs_writer_bytes (doc, user_id, bytes) values (?, ?, ?)
			 on conflict (doc, user_id) do update set bytes = bytes + excluded.bytes`
		);
		this.selectWriters = sqlite.prepare(
			'select user_id as userId, bytes from yjs_writer_bytes where doc = ?'
		);
		this.appendTx = sqlite.transaction((rows: AppendRow[]) => {
			const at = this.now();
			for (const { doc, update, author } of rows) {
				this.insert.run(doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength), at);
				if (author) this.addWriterBytes.run(doc, author, update.byteLength);
			}
		});
	}

	load(doc: string): LoadedLog {
		const rows = this.select.all(doc) as { u: Buffer }[];
		const updates = rows.map((r) => new Uint8Array(r.u.buffer, r.u.byteOffset, r.u.byteLength));
		return { updates, bytes: updates.reduce((n, u) => n + u.byteLength, 0) };
	}

	append(doc: string, update: Uint8Array): void {
		this.insert.run(
			doc,
			Buffer.from(update.buffer, update.byteOffset, update.byteLength),
			this.now()
		);
	}

	/** Bytes each person has written into the document over its life (shared documents). */
	writers(doc: string): Map<string, number> {
		const rows = this.selectWriters.all(doc) as { userId: string; bytes: number }[];
		return new Map(rows.map((r) => [r.userId, r.bytes]));
	}

	/** Appends many updates (of any documents) in one transaction: all or none. */
	appendMany(rows: AppendRow[]): void {
		this.appendTx(rows);
	}

	/**
	 * As appendMany, if no other connection holds the write lock now; false, with nothing written,
	 * if one does. Never sleeps: SQLite's busy handler, which a plain write waits in, sleeps 1, 2,
	 * 5, 10, 15 ms… between its tries, so a lock held 4 ms held this thread 8.
	 */
	tryAppendMany(rows: AppendRow[]): boolean {
		// SQLite sets a busy timeout when it prepares the pragma, not when it runs it: a prepared
		// (or cached) `pragma busy_timeout` would change nothing after its first use. `exec`
		// prepares, runs and finalizes it in native code; `pragma()` made a statement object
		// each time, two a commit, each with a weak handle the young-generation collector then
		// processed and finalized: 300 of them in every scavenge at 300 sittings.
		this.sqlite.exec('PRAGMA busy_timeout = 0');
		try {
			this.appendTx.immediate(rows);
			return true;
		} catch (e) {
			if (isBusy(e)) return false;
			throw e;
		} finally {
			this.sqlite.exec(`PRAGMA busy_timeout = ${this.busyTimeoutMs}`);
		}
	}

	/** Replaces the document's rows with one merged update, in one transaction. */
	compact(doc: string, merged: Uint8Array): void {
		this.compactTx(doc, merged);
	}
}

/** SQLite said another connection holds the lock (SQLITE_BUSY and its extended codes). */
function isBusy(e: unknown): boolean {
	const code = (e as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
