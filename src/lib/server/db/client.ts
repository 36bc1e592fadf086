import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { foldVietnamese } from '../../domain/fold';
import * as schema from './schema';
import { FOLD_FUNCTION } from './search';
import { ensurePublicGeneration } from '../public-cache';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
	/** Apply pending migrations from this folder (default: `drizzle/` under the working directory). */
	migrationsFolder?: string;
	migrate?: boolean;
}

/**
 * Opens the SQLite file with the settings every connection of this app must share:
 * WAL so readers never block the writer, foreign keys on, and a busy timeout so the SvelteKit
 * handler and the realtime server (two connections in one process) wait for each other.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	cacheStatements(sqlite);
	// Search that ignores Vietnamese marks (search.ts).
	sqlite.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
		typeof value === 'string' ? foldVietnamese(value) : value
	);
	const db = drizzle(sqlite, { schema }) as Db;
	if (options.migrate !== false) {
		migrate(db, {
			migrationsFolder: options.migrationsFolder ?? resolve(process.cwd(), 'drizzle')
		});
	}
	ensureTriggers(sqlite);
	return db;
}

/**
 * Stops this connection from checkpointing inside its own commits. By default SQLite copies the
 * write-ahead log back into the database inside whichever commit finds more than 1000 pages of
 * it, on the thread that commits: under live scoring that is the event loop, for several
 * milliseconds, while every tick waits. Where a checkpoint thread runs (server/checkpointer.ts),
 * every connection the process writes through must leave the log to it; a connection that
 * still checkpoints does it for all of them (the log is the file's, not the connection's).
 */
export function leaveCheckpointsToWorker(sqlite: Database.Database): void {
	if (quietConnections.has(sqlite)) return;
	sqlite.pragma('wal_autocheckpoint = 0');
	quietConnections.add(sqlite);
}
const quietConnections = new WeakSet<Database.Database>();

/** Distinct SQL texts the app issues are a few hundred; past this the cache starts over. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * Drizzle prepares a new statement for every query it runs, and compiling SQL is a large part
 * of a small query's cost (a profile of the live sitting showed prepare as the top function).
 * Statements are reused by their SQL text instead. Everything here is synchronous, so a cached
 * statement is never in use twice at once (nothing in the app iterates lazily); drizzle switches
 * a statement to raw rows for some reads, so a reused reader is switched back first.
 */
function cacheStatements(sqlite: Database.Database): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const cache = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		const hit = cache.get(source);
		if (hit) return hit.reader ? hit.raw(false) : hit;
		if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
		const stmt = prepare(source);
		cache.set(source, stmt);
		return stmt;
	}) as typeof sqlite.prepare;
}

/**
 * Guards that hold whatever the code does: a locked result or an issued document number
 * cannot be updated or deleted.
 * Kept outside drizzle's generated migrations, and idempotent.
 */
function ensureTriggers(sqlite: Database.Database): void {
	immutable(sqlite, 'locked_results', 'locked results are immutable');
	// A number in the document register, once issued, stays issued to its subject.
	immutable(sqlite, 'document_register', 'issued document numbers are immutable');
	// Public pages are cached until a table they may read changes (public-cache.ts).
	ensurePublicGeneration(sqlite);
	// A revocation is a signed decision: the certificate stays revoked.
	immutable(sqlite, 'certificate_revocations', 'revocations are immutable');
	// So is the decision that replaced a certificate with a later one of the same product.
	immutable(sqlite, 'certificate_replacements', 'replacements are immutable');
}

/** Refuses every update and delete of the table's rows (when the table exists yet). */
function immutable(sqlite: Database.Database, table: string, message: string): void {
	const exists = sqlite
		.prepare("select 1 from sqlite_master where type = 'table' and name = ?")
		.get(table);
	if (!exists) return;
	sqlite.exec(`
		CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table}
		BEGIN SELECT RAISE(ABORT, '${message}'); END;
		CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table}
		BEGIN SELECT RAISE(ABORT, '${message}'); END;
	`);
}

/** A transaction handle; repository functions that can run inside one take `Q`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Q = Db | Tx;
