/**
 * What a form action changed in the database that the live sitting must act on at once. The
 * realtime server (server/route-effects.ts) turns each into the same effects as the socket
 * command that makes the same change; a session that ends (sign-out, a password change, an
 * account disabled) closes its live connections (server/live-sessions.ts).
 */
export type RouteChange =
	| { kind: 'conflict'; itemId: string; userId: string }
	| { kind: 'session-ended'; sessionId: string }
	| { kind: 'user-sessions-ended'; userId: string }
	/** Someone's seat on a council changed (role, vote) or was taken away. */
	| { kind: 'council-seat'; councilId: string; userId: string };

import type { LiveFacts } from './scoring/board';

/**
 * The realtime server as the SvelteKit side sees it: what a form action changed, and what a page
 * reads of the live sitting (who is connected, how far each open card is). It is handed over explicitly: the entry
 * point (server/app-server.ts) puts the realtime server's on every request it passes to
 * SvelteKit, hooks.server.ts moves it to `event.locals.live`, and the route hands it to the
 * function that makes the change. (SvelteKit's bundle holds its own copy of every module, so a
 * module-level registry here would be a second, empty one.)
 */
export interface LiveEffects {
	/**
	 * Called after the change is committed. Settles when the live effects are done (or after a
	 * bounded wait), so a form answers once the member is out of the video room, as the socket
	 * command does; never rejects: the change is stored, and a client that joins again reads it
	 * from the database anyway.
	 */
	announce(change: RouteChange): Promise<void>;
	/**
	 * What the chair's board shows of the live sitting now: the same facts the board socket
	 * sends, so the board page is drawn from the server's first answer (board/+page.server.ts).
	 */
	liveFacts(sittingId: string, itemId: string): LiveFacts;
	/**
	 * Who is in the sitting now as the live server counts them for quorum (the register and its
	 * own connections), so the sitting page's first quorum is the socket's (+page.server.ts).
	 */
	present(sittingId: string): string[];
}

/** Nothing live: nobody connected, no card open (no realtime server runs in this process). */
export const noLiveFacts: LiveFacts = {
	attendance: { presentIds: [] },
	connected: new Set(),
	liveAnswered: () => null
};

/** Where no realtime server runs: the command line tools, `vite dev` without one, unit tests. */
export const noLiveEffects: LiveEffects = {
	announce: () => Promise.resolve(),
	liveFacts: () => noLiveFacts,
	present: () => []
};
