import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { startApp, type AppProcess } from './app-process';

type Env = Record<string, string>;

export interface BuiltAppOptions<S> {
	/** Configuration variables; a function when they are known only once a hook runs (LiveKit). */
	env?: Env | (() => Env | Promise<Env>);
	/** Fills the fresh database (and its folder, for uploads) before the built app starts. */
	seed?: (db: Db, dir: string) => S | Promise<S>;
	/**
	 * Closes the test's own database handle once seeded, so the server is the file's only user:
	 * a SIGKILL then leaves its write-ahead log for the restart to recover, as in production.
	 * Reading `db` throws; the test opens the file (`dbFile`) itself while the server is stopped.
	 */
	releaseDb?: boolean;
	/** How long seeding and starting may take. */
	timeoutMs?: number;
}

/** The built app (`startApp`) on a seeded database that the test reads and writes alongside. */
export interface BuiltAppHandle<S> {
	readonly url: string;
	readonly db: Db;
	readonly dir: string;
	readonly dbFile: string;
	readonly seeded: S;
	readonly app: AppProcess;
	/** The session cookie a sign-in of this account (e-mail or user id) would set. */
	signIn(account: string): string;
	/** Stops the process: SIGTERM, or SIGKILL when `hard` (a crash); waits for it to exit. */
	stop(hard?: boolean): Promise<void>;
	/** Starts the app again on the same folder, database and port (clients can reconnect). */
	start(): Promise<void>;
	/** `stop(hard)` then `start()`. */
	restart(options?: { hard?: boolean }): Promise<void>;
}

/** A built app started now (a test that needs one with its own configuration): close it. */
export interface OpenBuiltApp<S> extends BuiltAppHandle<S> {
	/** Stops the process, closes the test's handle and removes the folder. */
	close(): Promise<void>;
}

/** Seeds a fresh folder and starts the built app on it now. */
export async function openBuiltApp<S = undefined>(
	options: BuiltAppOptions<S> = {}
): Promise<OpenBuiltApp<S>> {
	const env = typeof options.env === 'function' ? await options.env() : (options.env ?? {});
	const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test', ...env }));
	const dir = mkdtempSync(join(tmpdir(), 'ocop-built-'));
	let db: Db | null = openDatabase(join(dir, 'ocop.db'));
	let app: AppProcess;
	let running = false;
	let seeded: S;
	try {
		seeded = (await options.seed?.(db, dir)) as S;
		if (options.releaseDb) {
			db.$client.close();
			db = null;
		}
		app = await startApp({ dir, env });
		running = true;
	} catch (e) {
		db?.$client.close();
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	const dbOf = () => {
		if (!db) throw new Error('useBuiltApp({ releaseDb: true }) holds no database handle');
		return db;
	};
	const stop = async (hard = false) => {
		await app.stop(hard);
		running = false;
	};
	const start = async () => {
		if (running) throw new Error('the built app is already running');
		app = await startApp({ dir, env, port: app.port });
		running = true;
	};
	return {
		get url() {
			return app.url;
		},
		get db() {
			return dbOf();
		},
		dir,
		get dbFile() {
			return app.dbFile;
		},
		seeded,
		get app() {
			return app;
		},
		signIn(account) {
			const userId = account.includes('@') ? findUserByEmail(dbOf(), account)?.id : account;
			if (!userId) throw new Error(`no account ${account}`);
			return `${SESSION_COOKIE}=${createSession(dbOf(), userId, policy, Date.now()).token}`;
		},
		stop,
		start,
		async restart({ hard = false } = {}) {
			await stop(hard);
			await start();
		},
		async close() {
			await app.stop();
			db?.$client.close();
			db = null;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Registers the hooks that seed a fresh folder, start the built app on it and remove both. */
export function useBuiltApp<S = undefined>(options: BuiltAppOptions<S> = {}): BuiltAppHandle<S> {
	let current: OpenBuiltApp<S> | null = null;
	const started = () => {
		if (!current) throw new Error('the built app is read before its beforeAll ran');
		return current;
	};
	beforeAll(async () => {
		current = await openBuiltApp(options);
	}, options.timeoutMs);
	afterAll(async () => {
		await current?.close();
		current = null;
	});
	return {
		get url() {
			return started().url;
		},
		get db() {
			return started().db;
		},
		get dir() {
			return started().dir;
		},
		get dbFile() {
			return started().dbFile;
		},
		get seeded() {
			return started().seeded;
		},
		get app() {
			return started().app;
		},
		signIn: (account) => started().signIn(account),
		stop: (hard) => started().stop(hard),
		start: () => started().start(),
		restart: (o) => started().restart(o)
	};
}
