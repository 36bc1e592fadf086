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

/** Bytes lib0's writeVarUint takes for n (7 bits per byte). */
function varUintSize(n: number): number {
	let size = 1;
	while (n > 0x7f) {
		n = Math.floor(n / 128);
		size++;
	}
	return size;
}

function writeVarUint(out: Uint8Array, at: number, n: number): number {
	while (n > 0x7f) {
		out[at++] = 0x80 | (n & 0x7f);
		n = Math.floor(n / 128);
	}
	out[at++] = n;
	return at;
}

/**
 * `head` varuints, then `body` as a varuint-length-prefixed array, in one exact allocation (a
 * Buffer, which ws sends as it is). Every tick is framed once or twice on its way to the
 * watchers; lib0's encoder allocated three times per frame and copied the body twice.
 */
function frame(head: number[], key: string | null, body: Uint8Array): Uint8Array {
	const keyBytes = key === null ? 0 : Buffer.byteLength(key);
	let size = varUintSize(body.byteLength) + body.byteLength;
	for (const h of head) size += varUintSize(h);
	if (key !== null) size += varUintSize(keyBytes) + keyBytes;
	const out = Buffer.allocUnsafe(size);
	let at = writeVarUint(out, 0, head[0]);
	if (key !== null) {
		at = writeVarUint(out, at, keyBytes);
		at += out.write(key, at, 'utf8');
	}
	for (let i = 1; i < head.length; i++) at = writeVarUint(out, at, head[i]);
	at = writeVarUint(out, at, body.byteLength);
	out.set(body, at);
	return out;
}

/** The server's state vector: the client answers with what the server lacks. */
export const syncStep1 = (doc: Y.Doc) =>
	frame([MSG_SYNC, SYNC_STEP1], null, Y.encodeStateVector(doc));
/** What the client lacks, given its state vector. */
export const syncStep2 = (doc: Y.Doc, sv: Uint8Array) =>
	frame([MSG_SYNC, SYNC_STEP2], null, Y.encodeStateAsUpdate(doc, sv));
export const syncUpdate = (update: Uint8Array) => frame([MSG_SYNC, SYNC_UPDATE], null, update);
export const awarenessFrame = (update: Uint8Array) => frame([MSG_AWARENESS], null, update);
/** "Saved": the server's state vector after its append (see MESSAGE_SAVED). */
export const savedFrame = (doc: Y.Doc) => frame([MESSAGE_SAVED], null, Y.encodeStateVector(doc));

/**
 * A board connection's frame (see MESSAGE_BOARD): which document (the key), then an ordinary
 * sync message, here a sync update, built in one go from the update.
 */
export const boardUpdateFrame = (key: string, update: Uint8Array) =>
	frame([MESSAGE_BOARD, MSG_SYNC, SYNC_UPDATE], key, update);

/** The whole document as a board frame's sync step 2, for a watcher that has nothing yet. */
export const boardFullFrame = (key: string, doc: Y.Doc) =>
	frame([MESSAGE_BOARD, MSG_SYNC, SYNC_STEP2], key, Y.encodeStateAsUpdate(doc));
