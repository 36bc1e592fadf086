import * as Y from 'yjs';

/**
 * Whether an update carries nothing the document lacks. A read-only client answers the
 * server's sync step 1 with a step 2 that repeats the delete set; that is not a write attempt.
 */
export function isNoopUpdate(doc: Y.Doc, update: Uint8Array): boolean {
	const known = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
		if (clock > (known.get(client) ?? 0)) return false;
	}
	const { ds } = Y.decodeUpdate(update);
	if (ds.clients.size === 0) return true;
	const have = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of ds.clients) {
		const mine = have.clients.get(client) ?? [];
		for (const r of ranges) {
			if (r.len === 0) continue;
			const covered = mine.some((m) => m.clock <= r.clock && m.clock + m.len >= r.clock + r.len);
			if (!covered) return false;
		}
	}
	return true;
}

/** Set by `noteTransaction` while `applyUpdate` runs: the document took something new. */
let took = false;
/** Documents `noteTransaction` listens to (once each). */
const followed = new WeakSet<Y.Doc>();

/** Yjs's own test for an update worth emitting (`writeUpdateMessageFromTransaction`). */
function noteTransaction(tr: Y.Transaction): void {
	if (took) return;
	if (tr.deleteSet.clients.size > 0) {
		took = true;
		return;
	}
	for (const [client, clock] of tr.afterState) {
		if (tr.beforeState.get(client) !== clock) {
			took = true;
			return;
		}
	}
}

/**
 * `Y.applyUpdate`, saying whether the document took anything from the update: new content or a
 * deletion, or a part Yjs keeps aside until what it builds on arrives (pending). The caller
 * stores and forwards the update's own bytes when it did, and nothing when it did not (a repeat).
 *
 * Not Yjs's 'update' event: with a listener on it, Yjs encodes every transaction again, only for
 * the server to learn what it had just received; that re-encoding was a quarter of the
 * allocations of applying a tick (12 KB with it, 9 KB without). The bytes received are as good:
 * a log replayed through `Y.mergeUpdates` is the same document, and a client handles a repeated
 * or early part as Yjs does everywhere. A part kept pending is stored with its update too: when
 * its predecessor arrives, Yjs integrates it from memory, and the predecessor's bytes alone would
 * not hold it.
 *
 * Then it empties the transaction list Yjs has just finished with. Yjs keeps its pending
 * transactions in `doc._transactionCleanups` and, when they are done, replaces that array with a
 * new one instead of emptying it. The old array, by then in the old generation, is garbage still
 * pointing at the transaction, and a scavenge treats every old-generation pointer as alive: the
 * transaction and all it holds (before/after state vectors, delete set, changed types) was
 * promoted on every tick, 2.5 KB where the tick itself keeps 0.4 KB. That made each scavenge copy
 * 450 KB and pause the server 4 ms, several times a second under load; emptying the array lets
 * the transaction die young.
 */
export function applyUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
	if (!followed.has(doc)) {
		doc.on('afterTransaction', noteTransaction);
		followed.add(doc);
	}
	const { pendingStructs, pendingDs } = doc.store;
	const done = doc._transactionCleanups;
	took = false;
	try {
		Y.applyUpdate(doc, update, origin);
	} finally {
		if (doc._transactionCleanups !== done) done.length = 0;
	}
	return took || doc.store.pendingStructs !== pendingStructs || doc.store.pendingDs !== pendingDs;
}
