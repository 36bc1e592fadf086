// Frames of a `board/<itemId>` connection (see MESSAGE_BOARD): which card (or the notes), then a
// sync message for it. Shared by the board page and the tests, so both read the same wire format.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_BOARD } from '../protocol/yjs-docs';

const SYNC = 0;
const STEP2 = 1;
const UPDATE = 2;

/** Applies one frame to the documents by key; returns the key, or null for anything else. */
export function applyBoardFrame(docs: Map<string, Y.Doc>, data: Uint8Array): string | null {
	try {
		const d = decoding.createDecoder(data);
		if (decoding.readVarUint(d) !== MESSAGE_BOARD) return null;
		const key = decoding.readVarString(d);
		if (decoding.readVarUint(d) !== SYNC) return null;
		const sub = decoding.readVarUint(d);
		if (sub !== STEP2 && sub !== UPDATE) return null;
		const update = decoding.readVarUint8Array(d);
		let doc = docs.get(key);
		if (!doc) docs.set(key, (doc = new Y.Doc()));
		Y.applyUpdate(doc, update);
		return key;
	} catch {
		return null;
	}
}
