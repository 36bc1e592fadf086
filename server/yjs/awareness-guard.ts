import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The largest presence state accepted, in UTF-8 bytes as sent: the app's is a criterion code
 * (and y-websocket's own fields), tens of bytes. Every reader of the document receives each
 * state, and a late joiner all of them at once, so this bounds what one connection costs them.
 */
export const MAX_AWARENESS_STATE_BYTES = 2048;

/** The connection's own state is over MAX_AWARENESS_STATE_BYTES: it is closed. */
export const STATE_TOO_LARGE = 'state-too-large';
/**
 * States for client ids no connection holds, in one message, past which the sender is closed:
 * an honest echo names ids the server sent it (held by others), bar the few whose owner left
 * while the echo was on its way; claiming many fresh ids at once is the flood this stops.
 */
export const MAX_UNKNOWN_IDS = 8;
export const FOREIGN_IDS = 'foreign-ids';

export interface AwarenessOwner {
	id: string;
	name: string;
}

/**
 * Answers whether `clientId` is the connection's own presence, claiming it when the connection
 * has none yet and `hasState` (a removal claims nothing).
 */
export type ClaimClientId = (clientId: number, hasState: boolean) => boolean;

/**
 * Awareness is never trusted for identity. Before the server applies a client's awareness
 * update it keeps only the entry of the connection's own client id and overwrites its `user`
 * with the session's id and name, so what others see as "who" always comes from the server.
 * Other entries are dropped, not refused: y-websocket echoes every state it receives
 * (and its removals) back to the server, so foreign ids arrive from honest clients too. A
 * connection therefore publishes one presence, however many ids it sends, and never removes
 * another connection's.
 */
export function guardAwarenessUpdate(
	update: Uint8Array,
	owner: AwarenessOwner,
	claim: ClaimClientId,
	/** Whether some connection holds the id (absent: every id counts as held). */
	held: (clientId: number) => boolean = () => true
): Uint8Array | null | typeof STATE_TOO_LARGE | typeof FOREIGN_IDS {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	let kept: [number, number, string] | null = null;
	let unknown = 0;
	let tooLarge = false;
	// The whole message is read before any verdict: a malformed one is refused as malformed
	// (4400) whatever else it holds. Dropped entries are still parsed, to tell junk apart; a
	// message may hold only a few (past MAX_UNKNOWN_IDS it is refused), each under the cap.
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		if (decoding.peekVarUint(decoder) > MAX_AWARENESS_STATE_BYTES) {
			decoding.readVarUint8Array(decoder);
			if (claim(clientId, true)) tooLarge = true;
			else if (!held(clientId)) unknown++;
			continue;
		}
		const json = decoding.readVarString(decoder);
		const state: unknown = JSON.parse(json);
		if (!claim(clientId, state !== null)) {
			if (state !== null && !held(clientId)) unknown++;
			continue;
		}
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
		const trusted = state === null ? null : { ...state, user: { id: owner.id, name: owner.name } };
		// The last entry for the id wins, as applying them in order would.
		kept = [clientId, clock, JSON.stringify(trusted)];
	}
	if (tooLarge) return STATE_TOO_LARGE;
	if (unknown > MAX_UNKNOWN_IDS) return FOREIGN_IDS;
	if (!kept) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, kept[0]);
	encoding.writeVarUint(encoder, kept[1]);
	encoding.writeVarString(encoder, kept[2]);
	return encoding.toUint8Array(encoder);
}
