// `ocop backup FILE [--db FILE]`: a consistent copy of a live database, taken with SQLite's
// online backup API while members keep scoring (writers are not blocked for long; the copy is
// one point in time). The signed chain heads beside the database go along (DEST.heads.jsonl), cut
// to the records the copy holds. Restore: stop the app, replace the database file and its
// .heads.jsonl with the copies (and delete the old -wal and -shm files beside it), start the app.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { headLogPath } from '../chain-head';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliIo } from './io';
import { databaseArg } from './db-arg';

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help')) {
		io.stdout(
			'Usage: ocop backup DEST [--db FILE]   (default source: $DATABASE_URL or data/ocop.db)\n'
		);
		return EXIT_OK;
	}
	const parsed = databaseArg(args);
	if (!parsed.ok || parsed.rest.length !== 1) {
		io.stderr(`ocop backup: ${parsed.ok ? 'give exactly one destination file' : parsed.error}\n`);
		return EXIT_BAD_INPUT;
	}
	const dest = parsed.rest[0];
	if (!existsSync(parsed.path)) {
		io.stderr(`ocop backup: ${parsed.path}: no such database file\n`);
		return EXIT_BAD_INPUT;
	}
	if (existsSync(dest)) {
		io.stderr(`ocop backup: ${dest} exists; refusing to overwrite it\n`);
		return EXIT_BAD_INPUT;
	}
	const source = new Database(parsed.path, { fileMustExist: true });
	source.pragma('busy_timeout = 5000');
	try {
		let last = -1;
		await source.backup(dest, {
			progress: ({ totalPages, remainingPages }) => {
				const pct = totalPages
					? Math.floor(((totalPages - remainingPages) / totalPages) * 100)
					: 100;
				if (pct >= last + 25) {
					io.stderr(`backup: ${pct}%\n`);
					last = pct;
				}
				return 200;
			}
		});
		const copy = new Database(dest, { readonly: true });
		const check = copy.pragma('integrity_check', { simple: true });
		const tip = copy.prepare('select max(seq) as seq from locked_results').get() as {
			seq: number | null;
		};
		copy.close();
		copyHeads(parsed.path, dest, tip.seq ?? 0);
		if (check !== 'ok') {
			io.stderr(`ocop backup: the copy failed its integrity check: ${check}\n`);
			return EXIT_FAILURE;
		}
		io.stdout(`backup written to ${dest} (integrity ok)\n`);
		return EXIT_OK;
	} finally {
		source.close();
	}
}

/** Heads of records locked after the copy's point in time are left out: they are not in it. */
function copyHeads(source: string, dest: string, tip: number): void {
	const log = headLogPath(source);
	if (!existsSync(log)) return;
	const lines = readFileSync(log, 'utf8')
		.split('\n')
		.filter((line) => {
			if (line.trim() === '') return false;
			try {
				return ((JSON.parse(line) as { seq?: unknown }).seq as number) <= tip;
			} catch {
				return true; // an unreadable line is kept for `ocop chain` to name
			}
		});
	writeFileSync(headLogPath(dest), lines.map((l) => l + '\n').join(''));
}
