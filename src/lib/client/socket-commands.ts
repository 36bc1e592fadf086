// A socket.io client typed by the event maps of protocol/: a command's payload and the data of
// its ack are read from the map, and every command resolves to one discriminated result, so a
// caller tells a refusal from a timeout by its `failure`, never by comparing message strings.
import type { Socket } from 'socket.io-client';
import type { Ack, AckError, ClientToServerEvents, ServerToClientEvents } from '../protocol/socket';
import { nextTask } from './live-start';

/**
 * Any event map: each event is a function of its arguments (interfaces satisfy it too). `any`
 * as in socket.io's own EventsMap: a listener of any signature must fit the untyped socket.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventMap<M> = { [K in keyof M]: (...args: any[]) => void };

/** What a command sends. */
export type CommandPayload<M, K extends keyof M> = M[K] extends (
	payload: infer P,
	ack: never
) => void
	? P
	: never;

/** What a command's ack carries when it succeeds. */
export type CommandData<M, K extends keyof M> = M[K] extends (payload: never, ack: infer A) => void
	? A extends (ack: Ack<infer T>) => void
		? T
		: never
	: never;

export type CommandResult<T> =
	| { ok: true; data: T }
	/** The server answered no: its message is already in the person's language. */
	| { ok: false; failure: 'refused'; error: AckError }
	/** No answer in time (offline, or the server is down): the command may not have happened. */
	| { ok: false; failure: 'timeout'; error: AckError };

export const COMMAND_TIMEOUT_MS = 10_000;

export class CommandSocket<C extends EventMap<C>, S extends EventMap<S>> {
	/** Untyped underneath on purpose: the types live in `send` and `on`, read from C and S. */
	private socket: Socket | null = null;
	private readonly waiting: ((socket: Socket) => void)[] = [];
	private closed = false;
	private readonly unavailable: (() => void)[] = [];
	private failed = false;
	private readonly ready: Promise<Socket>;

	/**
	 * `socket` may come later (the page's socket.io client loads after the page has started):
	 * listeners set before it comes are attached when it does, before it can hear anything, and
	 * commands wait for it.
	 */
	constructor(
		socket: Socket | Promise<Socket>,
		private readonly timeoutMs = COMMAND_TIMEOUT_MS
	) {
		this.ready = Promise.resolve(socket);
		if (!(socket instanceof Promise)) this.socket = socket;
		else
			socket.then(
				(s) => {
					if (this.closed) return void s.close();
					this.socket = s;
					for (const attach of this.waiting.splice(0)) attach(s);
				},
				() => {
					this.failed = true;
					for (const listener of this.unavailable.splice(0)) listener();
				}
			);
	}

	private withSocket(attach: (socket: Socket) => void): void {
		if (this.socket) attach(this.socket);
		else this.waiting.push(attach);
	}

	on<K extends keyof S & string>(event: K, listener: S[K]): void {
		// Widened to string: socket.io's reserved names (connect, disconnect) are not in our map.
		const name: string = event;
		this.withSocket((s) => s.on(name, listener));
	}

	/**
	 * Called with true on every (re)connection and false on every loss of it, and on every attempt
	 * that fails (also the first: a page can tell "not yet" from "could not").
	 */
	onConnection(listener: (connected: boolean) => void): void {
		this.withSocket((s) => {
			s.on('connect', () => listener(true));
			s.on('disconnect', () => listener(false));
			s.on('connect_error', () => listener(false));
		});
	}

	/** Called once if the socket never comes (its script could not be loaded). */
	onUnavailable(listener: () => void): void {
		if (this.failed) listener();
		else this.unavailable.push(listener);
	}

	async send<K extends keyof C & string>(
		event: K,
		payload: CommandPayload<C, K>
	): Promise<CommandResult<CommandData<C, K>>> {
		let ack: Ack<CommandData<C, K>>;
		try {
			const socket = await this.ready;
			ack = await socket.timeout(this.timeoutMs).emitWithAck(event, payload);
		} catch {
			return { ok: false, failure: 'timeout', error: { code: 'internal', message: '…' } };
		}
		return ack.ok ? ack : { ok: false, failure: 'refused', error: ack.error };
	}

	close(): void {
		this.closed = true;
		this.socket?.close();
	}
}

export type AppCommandSocket = CommandSocket<ClientToServerEvents, ServerToClientEvents>;

/**
 * The browser's connection to this app's socket.io endpoint. Its client (socket.io's, a large
 * part of a live page's script) is loaded after the page has started, not with it: evaluated with
 * the page it lengthened the page's longest start-up task. Even the import starts a task later:
 * a dynamic import adds its chunks' preload links to the document there and then, which, made
 * during the page's hydration, was more of that task.
 */
export function appSocket(socket: Socket | Promise<Socket> = browserSocket()) {
	return new CommandSocket<ClientToServerEvents, ServerToClientEvents>(socket);
}

/**
 * In a page rendered on the server (the sitting page makes its MeetingLive there too) there is
 * nothing to connect to: a socket.io client made in Node dials "undefined//undefined" until it is
 * closed. There the socket never comes.
 */
function browserSocket(): Promise<Socket> {
	if (typeof window === 'undefined') return new Promise(() => {});
	return nextTask()
		.then(() => import('socket.io-client'))
		.then(({ io }) => io({ path: '/socket.io/', transports: ['websocket'] }));
}
