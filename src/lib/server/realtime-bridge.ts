import type { Db } from './db/client';

/**
 * What a form action changed in the database that the live sitting must act on at once. The
 * realtime server (server/route-changes.ts) turns each into the same effects as the socket
 * command that makes the same change. A session that ends (sign-out, a password change, an
 * account disabled) closes its live connections (server/live-sessions.ts).
 */
export type RouteChange =
	| { kind: 'conflict'; itemId: string; userId: string }
	| { kind: 'session-ended'; sessionId: string }
	| { kind: 'user-sessions-ended'; userId: string };

type Listener = (change: RouteChange) => unknown;
type Listeners = Map<Listener, string>;

/**
 * The SvelteKit handler and the realtime server share one process but not their modules: the
 * handler's bundle holds its own copy of this file (ARCHITECTURE.md), so a module-level list
 * would be two lists. The one object both copies see is `globalThis`, under a registered symbol.
 */
const KEY = Symbol.for('ocop.realtime-bridge');

function listeners(): Listeners {
	const shared = globalThis as { [KEY]?: Listeners };
	return (shared[KEY] ??= new Map());
}

/** Listeners hear only changes made to their own database file (tests run several servers). */
function databaseOf(db: Db): string {
	return db.$client.name;
}

/** A form waits at most this long for the live effects (a LiveKit call) before it answers. */
const SETTLE_MS = 3000;

/**
 * Tells the realtime server of this process, if one runs (not in the command line tools or in
 * tests without one), after the change is committed. The answer settles when the live effects
 * are done (or after SETTLE_MS), so a form answers once the member is out of the video room, as
 * the socket command does; it never rejects: the change is stored, and a client that joins
 * again reads it from the database anyway.
 */
export function announceChange(db: Db, change: RouteChange): Promise<void> {
	const database = databaseOf(db);
	const effects: Promise<unknown>[] = [];
	for (const [listener, wanted] of listeners()) {
		if (wanted !== database) continue;
		try {
			effects.push(Promise.resolve(listener(change)).catch((e) => report(change, e)));
		} catch (e) {
			report(change, e);
		}
	}
	if (effects.length === 0) return Promise.resolve();
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, SETTLE_MS);
		timer.unref();
	});
	return Promise.race([Promise.all(effects).then(() => undefined), late]).finally(() =>
		clearTimeout(timer)
	);
}

/** Follows the changes made to `db`'s file; returns the function that stops following. */
export function onChange(db: Db, listener: Listener): () => void {
	listeners().set(listener, databaseOf(db));
	return () => void listeners().delete(listener);
}

function report(change: RouteChange, e: unknown): void {
	console.error(`realtime: could not apply a ${change.kind} change`, e);
}
