import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { takeToken, type Bucket } from '../../src/lib/domain/token-bucket';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { PRESENCE_BURST, PRESENCE_PER_SECOND } from '../../src/lib/protocol/yjs-docs';
import { refuseYjs } from '../../src/lib/server/refusal';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { FOREIGN_IDS, STATE_TOO_LARGE, guardAwarenessUpdate } from './awareness-guard';
import type { DocAwareness } from './doc-awareness';

/**
 * Presence changes per connection (PRESENCE_BURST, PRESENCE_PER_SECOND): the app's page paces
 * its own below them (a held Tab moves focus 15 times a second; the page sends the last place),
 * and y-protocols renews the state every 15 s. Past this the connection is closed (4429), which
 * bounds what one connection sends to every reader of the document.
 */
export { PRESENCE_BURST, PRESENCE_PER_SECOND };

/** What presence needs of a hub connection. */
export interface PresenceConn {
	ws: WebSocket;
	user: SessionUser;
	clientId: number | null;
	presence: Bucket;
	live: { doc: Y.Doc; awareness: DocAwareness; owners: Map<number, PresenceConn> };
}

export const presenceBucket = (): Bucket => ({ tokens: PRESENCE_BURST, at: Date.now() });

/** Applies a connection's awareness message, or closes the connection that abuses it. */
export function onPresence(conn: PresenceConn, update: Uint8Array): void {
	const guarded = guardAwarenessUpdate(
		update,
		conn.user,
		(id, has) => claim(conn, id, has),
		(id) => conn.live.owners.has(id)
	);
	if (guarded === null) return;
	if (guarded === STATE_TOO_LARGE)
		return refuseYjs(conn.ws, 'bad-request', 'errors.livePresenceTooLarge', CLOSE.tooLarge);
	if (guarded === FOREIGN_IDS) return refuseYjs(conn.ws, 'forbidden', 'errors.livePresenceForeign');
	if (!takeToken(conn.presence, Date.now(), PRESENCE_BURST, PRESENCE_PER_SECOND))
		return refuseYjs(conn.ws, 'rate-limited', 'errors.livePresenceTooFast');
	conn.live.awareness.apply(conn.live.doc, guarded, conn);
}

/**
 * A connection publishes one client id: the first it sends a state for that no other
 * person's connection holds. The same person's newer connection takes its id over (a tab
 * reconnecting before the server noticed the old connection was gone).
 */
function claim(conn: PresenceConn, clientId: number, hasState: boolean): boolean {
	if (conn.clientId !== null) return clientId === conn.clientId;
	if (!hasState) return false;
	const owner = conn.live.owners.get(clientId);
	if (owner && owner !== conn) {
		if (owner.user.id !== conn.user.id) return false;
		owner.clientId = null;
	}
	conn.live.owners.set(clientId, conn);
	conn.clientId = clientId;
	return true;
}

/** The connection closed: its presence goes, and the other readers are told. */
export function forgetPresence(conn: PresenceConn): void {
	if (conn.clientId === null) return;
	conn.live.owners.delete(conn.clientId);
	conn.live.awareness.remove([conn.clientId]);
}
