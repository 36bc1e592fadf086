import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { startAppServer, type AppServer } from '../../server/app-server';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { type Db } from '../../src/lib/server/db/client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
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

export { useBuiltApp, type BuiltAppHandle, type BuiltAppOptions } from './built-app';
