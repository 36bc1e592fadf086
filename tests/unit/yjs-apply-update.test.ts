import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyUpdate } from '../../server/yjs/updates';

function tick(code: string, option: number): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('choices').set(code, option);
	return Y.encodeStateAsUpdate(doc);
}

describe('applyUpdate', () => {
	it('applies the update and leaves no finished transaction reachable from Yjs', () => {
		const doc = new Y.Doc();
		const seen: Y.Transaction[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(tr));
		const list = doc._transactionCleanups;
		applyUpdate(doc, tick('1.1', 2), 'me');
		expect(doc.getMap('choices').get('1.1')).toBe(2);
		expect(seen).toHaveLength(1);
		expect(seen[0].origin).toBe('me');
		// Yjs replaced the list it kept the transaction in; the old one must not keep holding it
		// (see updates.ts: a scavenge would keep the transaction alive through it).
		expect(doc._transactionCleanups).not.toBe(list);
		expect(list).not.toContain(seen[0]);
		expect(doc._transactionCleanups).toHaveLength(0);
	});

	it('also when Yjs throws half way, and the next update still applies', () => {
		const doc = new Y.Doc();
		const list = doc._transactionCleanups;
		const whole = tick('2.1', 1);
		expect(() => applyUpdate(doc, whole.subarray(0, whole.length - 1), null)).toThrow();
		expect(list).toHaveLength(0);
		applyUpdate(doc, tick('3.1', 0), null);
		expect(doc.getMap('choices').get('3.1')).toBe(0);
	});
});
