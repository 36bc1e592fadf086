import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { startAppServer, type AppServer } from '../../server/app-server';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { startApp, type AppProcess } from './app-process';
import { makeTestContext, type TestContext } from './context';

export type SocketClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface AppServerOptions<S> {
	/** Configuration variables; a function when they are known only once a hook runs (LiveKit). */
	env?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
	/** Fills the fresh database before the server listens; what it returns is `seeded`. */
	seed?: (ctx: TestContext) => S | Promise<S>;
	/** A fresh database and server for each test instead of one for the file. */
	perTest?: boolean;
	/** How long starting may take (a large seed on a loaded machine). */
	timeoutMs?: number;
}

/** The in-process app server (no SvelteKit build) on a port of its own and a real SQLite file. */
export interface AppServerHandle<S> {
	readonly ctx: TestContext;
	readonly db: Db;
	readonly server: AppServer;
	readonly url: string;
	readonly seeded: S;
	/** The session cookie a sign-in of this account (e-mail or user id) would set. */
	signIn(account: string): string;
	/** A socket.io client with this cookie, connected (rejects when the server refuses it). */
	socket(cookie: string): Promise<SocketClient>;
	/** Stops the server and starts it again on the same database, as a process restart would. */
	restart(): Promise<void>;
	/** Closes the server's connections and deletes the database folder. */
	close(): Promise<void>;
}

/** Starts a server now: for a test that needs one of its own besides the file's. */
export async function openAppServer<S = undefined>(
	options: AppServerOptions<S> = {}
): Promise<AppServerHandle<S>> {
	const env = typeof options.env === 'function' ? await options.env() : options.env;
	const ctx = makeTestContext(env ?? {});
	const sockets: SocketClient[] = [];
	let server: AppServer | null = null;
	const listen = () => startAppServer(ctx, { port: 0, host: '127.0.0.1' });
	const running = () => server ?? fail('the app server is stopped');
	try {
		const seeded = (await options.seed?.(ctx)) as S;
		server = await listen();
		return {
			ctx,
			db: ctx.db,
			get server() {
				return running();
			},
			get url() {
				return running().url;
			},
			seeded,
			signIn(account) {
				const userId = account.includes('@') ? findUserByEmail(ctx.db, account)?.id : account;
				if (!userId) throw new Error(`no account ${account}`);
				return `${SESSION_COOKIE}=${createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now()).token}`;
			},
			socket(cookie) {
				const url = running().url;
				const s: SocketClient = connectIo(url, {
					path: '/socket.io/',
					transports: ['websocket'],
					extraHeaders: { origin: url, cookie },
					reconnection: false
				});
				sockets.push(s);
				return new Promise((resolve, reject) => {
					s.once('connect', () => resolve(s));
					s.once('connect_error', reject);
				});
			},
			async restart() {
				await running().close();
				server = null;
				server = await listen();
			},
			async close() {
				for (const s of sockets.splice(0)) s.close();
				await server?.close();
				server = null;
				ctx.cleanup();
			}
		};
	} catch (e) {
		await server?.close();
		ctx.cleanup();
		throw e;
	}
}

function fail(message: string): never {
	throw new Error(message);
}

/**
 * Registers the hooks that start the server before the file's tests (or each test, `perTest`)
 * and close it after. The handle's fields are read inside tests and hooks, once it has started.
 */
export function useAppServer<S = undefined>(options: AppServerOptions<S> = {}): AppServerHandle<S> {
	let current: AppServerHandle<S> | null = null;
	const started = () => {
		if (!current) throw new Error('the app server is read before its beforeAll/beforeEach ran');
		return current;
	};
	const open = async () => {
		current = await openAppServer(options);
	};
	const close = async () => {
		await current?.close();
		current = null;
	};
	if (options.perTest) {
		beforeEach(open, options.timeoutMs);
		afterEach(close);
	} else {
		beforeAll(open, options.timeoutMs);
		afterAll(close);
	}
	return {
		get ctx() {
			return started().ctx;
		},
		get db() {
			return started().db;
		},
		get server() {
			return started().server;
		},
		get url() {
			return started().url;
		},
		get seeded() {
			return started().seeded;
		},
		signIn: (account) => started().signIn(account),
		socket: (cookie) => started().socket(cookie),
		restart: () => started().restart(),
		close
	};
}

export interface BuiltAppOptions<S> {
	env?: Record<string, string>;
	/** Fills the fresh database (and its folder, for uploads) before the built app starts. */
	seed?: (db: Db, dir: string) => S | Promise<S>;
	/** How long seeding and starting may take. */
	timeoutMs?: number;
}

/** The built app (`startApp`) on a seeded database that the test reads and writes alongside. */
export interface BuiltAppHandle<S> {
	readonly url: string;
	readonly db: Db;
	readonly dir: string;
	readonly seeded: S;
	readonly app: AppProcess;
	/** The session cookie a sign-in of this account (e-mail or user id) would set. */
	signIn(account: string): string;
}

/** Registers the hooks that seed a fresh folder, start the built app on it and remove both. */
export function useBuiltApp<S = undefined>(options: BuiltAppOptions<S> = {}): BuiltAppHandle<S> {
	let state: { dir: string; db: Db; seeded: S; app?: AppProcess } | null = null;
	const started = () => {
		if (!state?.app) throw new Error('the built app is read before its beforeAll ran');
		return state as Required<typeof state>;
	};
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'ocop-built-'));
		const db = openDatabase(join(dir, 'ocop.db'));
		state = { dir, db, seeded: undefined as S };
		state.seeded = (await options.seed?.(db, dir)) as S;
		state.app = await startApp({ dir, env: options.env });
	}, options.timeoutMs);
	afterAll(async () => {
		if (!state) return;
		await state.app?.stop();
		state.db.$client.close();
		rmSync(state.dir, { recursive: true, force: true });
		state = null;
	});
	const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test', ...options.env }));
	return {
		get url() {
			return started().app.url;
		},
		get db() {
			return started().db;
		},
		get dir() {
			return started().dir;
		},
		get seeded() {
			return started().seeded;
		},
		get app() {
			return started().app;
		},
		signIn(account) {
			const { db } = started();
			const userId = account.includes('@') ? findUserByEmail(db, account)?.id : account;
			if (!userId) throw new Error(`no account ${account}`);
			return `${SESSION_COOKIE}=${createSession(db, userId, policy, Date.now()).token}`;
		}
	};
}
