import type { Database } from 'better-sqlite3';

/** A document's log is merged into one row once it holds this many updates. */
export const COMPACT_AFTER_ROWS = 200;

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

	constructor(
		sqlite: Database,
		private readonly now: () => number
	) {
		this.insert = sqlite.prepare('insert into yjs_updates (doc, "update", at) values (?, ?, ?)');
		this.select = sqlite.prepare('select "update" as u from yjs_updates where doc = ? order by id');
		this.remove = sqlite.prepare('delete from yjs_updates where doc = ?');
		this.compactTx = sqlite.transaction((doc: string, merged: Uint8Array) => {
			this.remove.run(doc);
			this.insert.run(doc, Buffer.from(merged), this.now());
		});
		this.appendTx = sqlite.transaction((rows: { doc: string; update: Uint8Array }[]) => {
			const at = this.now();
			for (const { doc, update } of rows)
				this.insert.run(doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength), at);
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

	/** Appends many updates (of any documents) in one transaction: all or none. */
	appendMany(rows: { doc: string; update: Uint8Array }[]): void {
		this.appendTx(rows);
	}

	/** Replaces the document's rows with one merged update, in one transaction. */
	compact(doc: string, merged: Uint8Array): void {
		this.compactTx(doc, merged);
	}
}
