import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_BOARD, MESSAGE_SAVED } from '../../src/lib/protocol/yjs-docs';

// The y-websocket wire format: a varuint message type, then its body.
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

function frame(type: number, sub: number | null, body: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, type);
	if (sub !== null) encoding.writeVarUint(e, sub);
	encoding.writeVarUint8Array(e, body);
	return encoding.toUint8Array(e);
}

/** The server's state vector: the client answers with what the server lacks. */
export const syncStep1 = (doc: Y.Doc) => frame(MSG_SYNC, SYNC_STEP1, Y.encodeStateVector(doc));
/** What the client lacks, given its state vector. */
export const syncStep2 = (doc: Y.Doc, sv: Uint8Array) =>
	frame(MSG_SYNC, SYNC_STEP2, Y.encodeStateAsUpdate(doc, sv));
export const syncUpdate = (update: Uint8Array) => frame(MSG_SYNC, SYNC_UPDATE, update);
export const awarenessFrame = (update: Uint8Array) => frame(MSG_AWARENESS, null, update);
/** "Saved": the server's state vector after its append (see MESSAGE_SAVED). */
export const savedFrame = (doc: Y.Doc) => frame(MESSAGE_SAVED, null, Y.encodeStateVector(doc));

/** A board connection's frame: which document (see MESSAGE_BOARD), then its sync message. */
export function boardFrame(key: string, syncMessage: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_BOARD);
	encoding.writeVarString(e, key);
	encoding.writeUint8Array(e, syncMessage);
	return encoding.toUint8Array(e);
}

/** The whole document as a sync step 2, for a board watcher that has nothing yet. */
export const fullStep2 = (doc: Y.Doc) => frame(MSG_SYNC, SYNC_STEP2, Y.encodeStateAsUpdate(doc));
