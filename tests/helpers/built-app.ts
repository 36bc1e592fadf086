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

interface State<S> {
	dir: string;
	db: Db | null;
	seeded: S;
	env: Env;
	app?: AppProcess;
	running: boolean;
}

/** Registers the hooks that seed a fresh folder, start the built app on it and remove both. */
export function useBuiltApp<S = undefined>(options: BuiltAppOptions<S> = {}): BuiltAppHandle<S> {
	let state: State<S> | null = null;
	const started = () => {
		if (!state?.app) throw new Error('the built app is read before its beforeAll ran');
		return state as State<S> & { app: AppProcess };
	};
	let policy: ReturnType<typeof sessionPolicyOf> | null = null;
	const stop = async (hard = false) => {
		const s = started();
		await s.app.stop(hard);
		s.running = false;
	};
	const start = async () => {
		const s = started();
		if (s.running) throw new Error('the built app is already running');
		s.app = await startApp({ dir: s.dir, env: s.env, port: s.app.port });
		s.running = true;
	};
	beforeAll(async () => {
		const env = typeof options.env === 'function' ? await options.env() : (options.env ?? {});
		policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test', ...env }));
		const dir = mkdtempSync(join(tmpdir(), 'ocop-built-'));
		const db = openDatabase(join(dir, 'ocop.db'));
		state = { dir, db, env, seeded: undefined as S, running: false };
		try {
			state.seeded = (await options.seed?.(db, dir)) as S;
			if (options.releaseDb) {
				db.$client.close();
				state.db = null;
			}
			state.app = await startApp({ dir, env });
			state.running = true;
		} catch (e) {
			state.db?.$client.close();
			rmSync(dir, { recursive: true, force: true });
			state = null;
			throw e;
		}
	}, options.timeoutMs);
	afterAll(async () => {
		if (!state) return;
		await state.app?.stop();
		state.db?.$client.close();
		rmSync(state.dir, { recursive: true, force: true });
		state = null;
	});
	const dbOf = () => {
		const { db } = started();
		if (!db) throw new Error('useBuiltApp({ releaseDb: true }) holds no database handle');
		return db;
	};
	return {
		get url() {
			return started().app.url;
		},
		get db() {
			return dbOf();
		},
		get dir() {
			return started().dir;
		},
		get dbFile() {
			return started().app.dbFile;
		},
		get seeded() {
			return started().seeded;
		},
		get app() {
			return started().app;
		},
		signIn(account) {
			const db = dbOf();
			const userId = account.includes('@') ? findUserByEmail(db, account)?.id : account;
			if (!userId) throw new Error(`no account ${account}`);
			return `${SESSION_COOKIE}=${createSession(db, userId, policy!, Date.now()).token}`;
		},
		stop,
		start,
		async restart({ hard = false } = {}) {
			await stop(hard);
			await start();
		}
	};
}
