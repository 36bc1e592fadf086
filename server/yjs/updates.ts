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

/**
 * `Y.applyUpdate`, then empties the transaction list Yjs has just finished with. Yjs keeps its
 * pending transactions in `doc._transactionCleanups` and, when they are done, replaces that array
 * with a new one instead of emptying it. The old array, by then in the old generation, is garbage
 * still pointing at the transaction, and a scavenge treats every old-generation pointer as alive:
 * the transaction and all it holds (before/after state vectors, delete set, changed types) was
 * promoted on every tick, 2.5 KB where the tick itself keeps 0.4 KB. That made each scavenge copy
 * 450 KB and pause the server 4 ms, several times a second under load; emptying the array lets
 * the transaction die young.
 */
export function applyUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
	const done = doc._transactionCleanups;
	try {
		Y.applyUpdate(doc, update, origin);
	} finally {
		if (doc._transactionCleanups !== done) done.length = 0;
	}
}
