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
