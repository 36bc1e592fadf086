// The built app (`node server/index.js`) checkpoints SQLite's write-ahead log on a thread of its
// own (server/checkpointer.ts), never inside a commit on the event loop: SvelteKit's connection
// too. Before, the realtime connection had stopped checkpointing but SvelteKit's had not, so any
// commit of a page or an action (a sign-out, a document's register number) that found more than
// 1000 pages of log copied all of them back into the database while every live tick waited (the
// documents benchmark traced most of its stall to this).
//
// The checkpoint thread is set to wait a day here, so any checkpoint during the test is one that
// a commit ran inline. The database file grows only when a checkpoint copies pages into it.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import { useBuiltApp } from '../helpers/app-server';
import { postForm } from '../helpers/http-from';

const app = useBuiltApp({
	env: { WAL_CHECKPOINT_MS: String(86_400_000) },
	seed: (db) =>
		createAccount(
			db,
			{ email: 'thu.ky@ocop.test', name: 'Thư ký', role: 'office' },
			null,
			Date.now()
		)
});

const size = (file: string) => statSync(file).size;

describe('WAL checkpoints of the built app', () => {
	it('a SvelteKit commit with a long log behind it leaves the log to the checkpoint thread', async () => {
		const cookie = app.signIn(app.seeded);
		// Another writer (as the realtime side is) fills the log past SQLite's 1000-page threshold.
		const raw = new Database(app.dbFile);
		try {
			raw.pragma('wal_autocheckpoint = 0');
			raw.exec('create table filler (b blob)');
			const put = raw.prepare('insert into filler values (randomblob(4000))');
			raw.transaction(() => {
				for (let i = 0; i < 1500; i++) put.run();
			})();
			const pageSize = Number(raw.pragma('page_size', { simple: true }));
			expect(size(`${app.dbFile}-wal`)).toBeGreaterThan(1000 * pageSize);
			const before = size(app.dbFile);

			// Signing out commits through SvelteKit's connection (the session row goes).
			const res = await postForm('127.0.0.1', `${app.url}/logout`, {}, { cookie });
			expect(res.status).toBe(303);
			const sessions = raw
				.prepare('select count(*) as n from sessions where user_id = ?')
				.get(app.seeded) as { n: number };
			expect(sessions.n).toBe(0);
			// No checkpoint ran inside that commit: the database file has not taken the log in.
			expect(size(app.dbFile)).toBe(before);

			// The log was there to take: a checkpoint now copies it (the measure can tell).
			raw.pragma('wal_checkpoint(PASSIVE)');
			expect(size(app.dbFile)).toBeGreaterThan(before + 1000 * pageSize);
		} finally {
			raw.close();
		}
	});
});
