// The checkpoint thread keeps SQLite's write-ahead log bounded under commits that never pause.
// A PASSIVE checkpoint copies the log but cannot make it start over: only a writer that begins
// when a checkpoint has caught up does that, and a writer committing every millisecond (the
// event loop under live scoring) never did. The log grew by every commit, 10 MB a second in the
// bench, for as long as sittings ticked. Here a writer on this thread commits every millisecond
// while the checkpoint thread (server/checkpointer.ts) runs with a small restart threshold.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../server/checkpointer';

let dir: string | null = null;
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = null;
});

describe('the checkpoint thread', () => {
	it('restarts the log under a writer that never pauses, and loses no commit', async () => {
		dir = mkdtempSync(join(tmpdir(), 'ocop-wal-'));
		const file = join(dir, 'wal.db');
		const db = new Database(file);
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('busy_timeout = 5000');
		db.exec('create table u (id integer primary key, doc text, b blob)');
		db.exec('create index u_doc on u (doc)');
		const insert = db.prepare('insert into u (doc, b) values (?, randomblob(300))');
		let rows = 0;
		const commit = db.transaction(() => {
			for (let i = 0; i < 4; i++) insert.run(`card/${rows++ % 500}`);
		});
		// Restart past 256 pages (1 MiB of 4 KiB pages); a round every 50 ms.
		const checkpointer = startCheckpointer(db, file, 50, 256);
		const walBytes = () => statSync(`${file}-wal`).size;
		let largest = 0;
		const writer = setInterval(commit, 1);
		const watch = setInterval(() => (largest = Math.max(largest, walBytes())), 100);
		await new Promise((resolve) => setTimeout(resolve, 4_000));
		clearInterval(writer);
		clearInterval(watch);
		await checkpointer.stop();
		const written = rows;
		// Four seconds of commits, a few pages each, wrote tens of MB of log (50 MB when nothing
		// restarted it); the file is reused from its start, never shrunk, so its size is its peak.
		expect(written).toBeGreaterThan(4_000);
		largest = Math.max(largest, walBytes());
		// The bound, plus what one 50 ms round and a late restart let through.
		expect(largest).toBeLessThan(3 * 1024 * 1024);
		expect((db.prepare('select count(*) as n from u').get() as { n: number }).n).toBe(written);
		db.close();
	});
});
