import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A presence state bigger than this is dropped: a cursor and a criterion code are tiny. */
const MAX_STATE_CHARS = 4096;

export interface AwarenessOwner {
	id: string;
	name: string;
}

/**
 * Awareness is never trusted for identity. Before the server applies a client's awareness
 * update it drops entries for client ids another connection owns, claims the rest for this
 * connection, and overwrites each state's `user` with the session's id and name, so what others
 * see as "who" always comes from the server.
 */
export function guardAwarenessUpdate(
	update: Uint8Array,
	owner: AwarenessOwner,
	claim: (clientId: number) => boolean
): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const encoder = encoding.createEncoder();
	const count = decoding.readVarUint(decoder);
	const kept: [number, number, string][] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		if (json.length > MAX_STATE_CHARS || !claim(clientId)) continue;
		const state: unknown = JSON.parse(json);
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
		const trusted = state === null ? null : { ...state, user: { id: owner.id, name: owner.name } };
		kept.push([clientId, clock, JSON.stringify(trusted)]);
	}
	if (kept.length === 0) return null;
	encoding.writeVarUint(encoder, kept.length);
	for (const [clientId, clock, json] of kept) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}
