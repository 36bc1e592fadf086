import type { Statement } from 'better-sqlite3';
import { validateSessionId, type Session } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import type { RouteChange } from '../src/lib/server/live-effects';

/**
 * The backstop for sessions that expire while their connections sit idle (a connection that
 * sends is re-checked on its next message). Sign-out, a password change and a disabled account
 * close their connections at once, through applyRouteChange, not through this.
 */
export const SWEEP_MS = 30_000;
/**
 * Sessions a sweep checks in one turn of the event loop. The sweep read every good session in
 * one query: at 5,100 sessions a stall of 4.5-8 ms (9 ms in the bench's profile) every 30 s
 * for every live tick, growing with the number of people signed in. In slices of this many
 * (one query each, the ids bound as one JSON array), the longest turn is 0.6-1 ms.
 */
export const SWEEP_SLICE = 250;
/** A session near its absolute end cannot be extended: re-read it at most this often. */
const MIN_RECHECK_MS = 5_000;

interface LiveSession {
	id: string;
	userId: string;
	/** Until then the session is trusted without reading the database (never past expiry). */
	refreshAt: number;
	ended: boolean;
	conns: Set<LiveHandle>;
}

/** One open socket.io or Yjs connection, counted against its session and its address. */
export interface LiveHandle {
	readonly session: LiveSession;
	readonly address: string;
	/** Closes the connection because its session ended. */
	readonly close: () => void;
	released: boolean;
}

export type Admission =
	{ ok: true; handle: LiveHandle } | { ok: false; limit: 'session' | 'address'; key: string };

/**
 * Every open live connection by session and by client address. A connection outlives no
 * session: sign-out ends its session's connections, a password change or a disabled account
 * re-checks every session of the account, a message past the session's re-check time reads the
 * database once, and a sweep catches idle connections of expired sessions. The counts are the
 * caps on connections per session and per address (config.ts `live`).
 */
export class LiveSessions {
	private readonly sessions = new Map<string, LiveSession>();
	private readonly addresses = new Map<string, number>();
	private readonly timer: NodeJS.Timeout;
	/** Of the given session ids (a JSON array), those neither expired nor of a disabled account. */
	private readonly goodOf: Statement<[string, number, number], string>;
	private sweeping = false;
	private closed = false;

	constructor(
		private readonly ctx: AppContext,
		/**
		 * Called once a session with live connections has ended (sign-out, a password change, a
		 * disabled account, expiry), after they are closed: its video is not one of them
		 * (realtime.ts hands it to the live sitting, which takes the person out of the video room).
		 */
		private readonly onEnded: (userId: string) => void = () => {}
	) {
		this.goodOf = ctx.db.$client
			.prepare<[string, number, number], string>(
				`select s.id from json_each(?) j
				 join sessions s on s.id = j.value
				 join users u on u.id = s.user_id
				 where s.expires_at > ? and s.absolute_expires_at > ? and u.disabled = 0`
			)
			.pluck();
		this.timer = setInterval(() => this.sweep(), SWEEP_MS);
		this.timer.unref();
	}

	/** Counts a new connection of a session just validated, or refuses it over a cap. */
	admit(session: Session, address: string, close: () => void): Admission {
		const { maxConnectionsPerSession, maxConnectionsPerAddress } = this.ctx.config.live;
		const existing = this.sessions.get(session.id);
		if ((existing?.conns.size ?? 0) >= maxConnectionsPerSession)
			return { ok: false, limit: 'session', key: 'errors.liveTooManyForSession' };
		const fromAddress = this.addresses.get(address) ?? 0;
		if (fromAddress >= maxConnectionsPerAddress)
			return { ok: false, limit: 'address', key: 'errors.liveTooManyFromAddress' };
		const live = existing ?? this.track(session);
		live.refreshAt = this.refreshAt(session.expiresAt, this.ctx.now());
		const handle: LiveHandle = { session: live, address, close, released: false };
		live.conns.add(handle);
		this.addresses.set(address, fromAddress + 1);
		return { ok: true, handle };
	}

	/** The connection closed (for any reason); safe to call more than once. */
	release(handle: LiveHandle): void {
		if (handle.released) return;
		handle.released = true;
		const live = handle.session;
		live.conns.delete(handle);
		if (live.conns.size === 0 && this.sessions.get(live.id) === live) this.sessions.delete(live.id);
		const left = (this.addresses.get(handle.address) ?? 1) - 1;
		if (left > 0) this.addresses.set(handle.address, left);
		else this.addresses.delete(handle.address);
	}

	/**
	 * Whether a message on this connection may be served. Two field reads and a clock read until
	 * the session is due a re-check; then one database read, which also counts as use (slides
	 * the idle expiry as a page request does).
	 */
	isLive(handle: LiveHandle): boolean {
		const live = handle.session;
		if (live.ended) return false;
		const now = this.ctx.now();
		return now < live.refreshAt || this.recheck(live, now, true);
	}

	/**
	 * Re-checks every tracked session against the database (no use counted), SWEEP_SLICE
	 * sessions a turn. One query a slice finds those still good; only the others are read one by
	 * one (and ended). A read per session took 1.5 s of the event loop at 5,000 connections.
	 */
	sweep(): void {
		if (this.sweeping || this.closed || this.sessions.size === 0) return;
		this.sweeping = true;
		const ids = [...this.sessions.keys()];
		const slice = (from: number) => {
			if (this.closed) return;
			try {
				this.sweepSlice(ids.slice(from, from + SWEEP_SLICE));
			} catch (e) {
				// The database busy past its timeout: the next sweep, or the next message, checks.
				console.error('Live session sweep failed:', e);
				this.sweeping = false;
				return;
			}
			if (from + SWEEP_SLICE < ids.length) setImmediate(slice, from + SWEEP_SLICE);
			else this.sweeping = false;
		};
		slice(0);
	}

	private sweepSlice(ids: string[]): void {
		const now = this.ctx.now();
		const good = new Set(this.goodOf.all(JSON.stringify(ids), now, now));
		for (const id of ids) {
			const live = this.sessions.get(id);
			if (live && !good.has(id)) this.recheck(live, now, false);
		}
	}

	/** Connections open now, for tests and diagnostics. */
	count(sessionId: string): number {
		return this.sessions.get(sessionId)?.conns.size ?? 0;
	}

	close(): void {
		this.closed = true;
		clearInterval(this.timer);
	}

	private track(session: Session): LiveSession {
		const live: LiveSession = {
			id: session.id,
			userId: session.userId,
			refreshAt: 0,
			ended: false,
			conns: new Set()
		};
		this.sessions.set(session.id, live);
		return live;
	}

	/** A form action ended a session, or every session of an account (route-effects.ts). */
	applyRouteChange(change: RouteChange): void {
		if (change.kind === 'session-ended') {
			const live = this.sessions.get(change.sessionId);
			if (live) this.end(live);
		} else if (change.kind === 'user-sessions-ended') {
			const now = this.ctx.now();
			for (const live of [...this.sessions.values()])
				if (live.userId === change.userId) this.recheck(live, now, false);
		}
	}

	private recheck(live: LiveSession, now: number, touch: boolean): boolean {
		if (live.ended) return false;
		const found = validateSessionId(this.ctx.db, live.id, this.ctx.sessionPolicy, now, touch);
		if (!found) {
			this.end(live);
			return false;
		}
		live.refreshAt = this.refreshAt(found.session.expiresAt, now);
		return true;
	}

	/** When a check would first change anything: the idle expiry is extended past half-way. */
	private refreshAt(expiresAt: number, now: number): number {
		const halfway = expiresAt - this.ctx.sessionPolicy.idleMs / 2;
		return Math.min(expiresAt, Math.max(halfway, now + MIN_RECHECK_MS));
	}

	/**
	 * Marks the session ended at once (every later message is refused) and closes its
	 * connections just after, before any further input is read: the command that found the
	 * session ended is still answered with its refusal first.
	 */
	private end(live: LiveSession): void {
		live.ended = true;
		if (this.sessions.get(live.id) === live) this.sessions.delete(live.id);
		queueMicrotask(() => {
			for (const handle of [...live.conns]) handle.close();
			this.onEnded(live.userId);
		});
	}
}
