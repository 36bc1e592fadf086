// The checkpoint thread keeps SQLite's write-ahead log bounded under commits that never pause.
// A PASSIVE checkpoint copies the log but cannot make it start over: only a writer that begins
// when a checkpoint has caught up does that, and a writer committing every millisecond (the
// event loop under live scoring) never did. The log grew by every commit, 10 MB a second in the
// bench, for as long as sittings ticked. Here a writer on this thread commits every millisecond
// while the checkpoint thread (server/checkpointer.ts) runs with a small restart threshold.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

	it.runIf(process.platform === 'linux')(
		'runs in the idle class, the event loop in the normal one',
		async () => {
			dir = mkdtempSync(join(tmpdir(), 'ocop-wal-'));
			const file = join(dir, 'wal.db');
			const db = new Database(file);
			db.pragma('journal_mode = WAL');
			/** Threads of this process by scheduling policy (stat field 41; 5 is SCHED_IDLE). */
			const idleThreads = () =>
				readdirSync('/proc/self/task').filter((tid) => {
					try {
						const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
						return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38] === '5';
					} catch {
						return false; // gone meanwhile
					}
				});
			const before = idleThreads();
			const checkpointer = startCheckpointer(db, file, 50);
			let added: string[] = [];
			for (let i = 0; i < 100 && added.length === 0; i++) {
				await new Promise((resolve) => setTimeout(resolve, 20));
				added = idleThreads().filter((t) => !before.includes(t));
			}
			try {
				// Its copying waits for the core while the event loop has work: ticks are not
				// held behind a round (6-10 ms every 500 ms in the bench before).
				expect(added).toHaveLength(1);
				expect(added[0]).not.toBe(String(process.pid));
				expect(idleThreads()).not.toContain(String(process.pid));
			} finally {
				await checkpointer.stop();
				db.close();
			}
		}
	);
});
