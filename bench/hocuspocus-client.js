// The load generator's side of Hocuspocus's protocol, as @hocuspocus/provider speaks it: every
// frame starts with the document's name, so one socket carries many documents; a document is
// usable after an auth message (a token, empty here: the reference has no auth hook) has been
// answered "authenticated". After the name, sync frames are y-websocket's.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

const SYNC = 0;
const AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTH_TOKEN = 0;
const AUTH_DENIED = 1;
const AUTH_OK = 2;

function frame(docName, write) {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, docName);
	write(e);
	return encoding.toUint8Array(e);
}

/** A Yjs sync frame (a tick's update, or a step 2) for one document. */
export function syncFrame(docName, subType, payload) {
	return frame(docName, (e) => {
		encoding.writeVarUint(e, SYNC);
		encoding.writeVarUint(e, subType);
		encoding.writeVarUint8Array(e, payload);
	});
}

/**
 * Authenticates and syncs one socket to documents, as the provider does (auth, then sync step 1
 * with an empty state vector); resolves when every one is authenticated.
 */
export function subscribe(ws, docNames, timeoutMs = 60_000) {
	const pending = new Set(docNames);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`hocuspocus: ${pending.size} documents not authenticated`)),
			timeoutMs
		);
		const onMessage = (data) => {
			const d = decoding.createDecoder(data);
			const name = decoding.readVarString(d);
			if (decoding.readVarUint(d) !== AUTH) return;
			const answer = decoding.readVarUint(d);
			if (answer === AUTH_DENIED) reject(new Error(`hocuspocus denied ${name}`));
			if (answer !== AUTH_OK) return;
			pending.delete(name);
			if (pending.size === 0) {
				clearTimeout(timer);
				ws.off('message', onMessage);
				resolve();
			}
		};
		ws.on('message', onMessage);
		for (const name of docNames) {
			ws.send(
				frame(name, (e) => {
					encoding.writeVarUint(e, AUTH);
					encoding.writeVarUint(e, AUTH_TOKEN);
					encoding.writeVarString(e, '');
				})
			);
			ws.send(syncFrame(name, STEP1, new Uint8Array([0])));
		}
	});
}

/** The document a frame updates, or null when it is anything else (sync steps, auth, status). */
export function updatedDoc(data) {
	const d = decoding.createDecoder(data);
	const name = decoding.readVarString(d);
	if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== UPDATE) return null;
	return name;
}

/** The document a server's sync step 1 is for (to answer with a step 2), or null. */
export function step1Doc(data) {
	const d = decoding.createDecoder(data);
	const name = decoding.readVarString(d);
	if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== STEP1) return null;
	return name;
}

export { STEP2, UPDATE };
