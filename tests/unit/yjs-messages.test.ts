import fc from 'fast-check';
import '../helpers/properties';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	MSG_AWARENESS,
	MSG_SYNC,
	SYNC_STEP2,
	SYNC_UPDATE,
	awarenessFrame,
	boardFullFrame,
	boardUpdateFrame,
	syncStep1,
	syncUpdate
} from '../../server/yjs/messages';
import { MESSAGE_BOARD } from '../../src/lib/protocol/yjs-docs';

/** What lib0's encoder makes of the same message: the server's frames must be byte-identical. */
function lib0Frame(head: number[], key: string | null, body: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, head[0]);
	if (key !== null) encoding.writeVarString(e, key);
	for (const h of head.slice(1)) encoding.writeVarUint(e, h);
	encoding.writeVarUint8Array(e, body);
	return encoding.toUint8Array(e);
}

/**
 * Byte equality through Buffer.compare: vitest's deep equality walks a 16 KB array element by
 * element, which took seconds per property run under load and timed the test out.
 */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
	const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
	const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
	if (!a.equals(b)) expect(a.toString('hex')).toBe(b.toString('hex'));
}

// Lengths around the varuint byte boundaries (127/128, 16383/16384) are where a hand-written
// encoder goes wrong.
const body = fc.oneof(
	fc.uint8Array({ maxLength: 300 }),
	fc
		.constantFrom(126, 127, 128, 129, 16_383, 16_384, 16_385)
		.map((n) => new Uint8Array(n).map((_, i) => i % 251))
);

describe('Yjs frames', () => {
	it('sync and awareness frames equal lib0 encoding', () => {
		fc.assert(
			fc.property(body, (b) => {
				expectSameBytes(syncUpdate(b), lib0Frame([MSG_SYNC, SYNC_UPDATE], null, b));
				expectSameBytes(awarenessFrame(b), lib0Frame([MSG_AWARENESS], null, b));
			})
		);
	});

	it('board frames carry the key (any text) and then an ordinary sync update', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), body, (key, b) => {
				const frame = boardUpdateFrame(key, b);
				expectSameBytes(frame, lib0Frame([MESSAGE_BOARD, MSG_SYNC, SYNC_UPDATE], key, b));
				const d = decoding.createDecoder(frame);
				expect(decoding.readVarUint(d)).toBe(MESSAGE_BOARD);
				expect(decoding.readVarString(d)).toBe(key);
				expect(decoding.readVarUint(d)).toBe(MSG_SYNC);
				expect(decoding.readVarUint(d)).toBe(SYNC_UPDATE);
				expectSameBytes(decoding.readVarUint8Array(d), b);
				expect(decoding.hasContent(d)).toBe(false);
			})
		);
	});

	it('a document framed whole for a board, or as a state vector, reads back', () => {
		const doc = new Y.Doc();
		doc.getMap('choices').set('1.1', 2);
		doc.getText('notes').insert(0, 'Sản phẩm đạt yêu cầu '.repeat(2000));
		const d = decoding.createDecoder(boardFullFrame('#notes', doc));
		expect(decoding.readVarUint(d)).toBe(MESSAGE_BOARD);
		expect(decoding.readVarString(d)).toBe('#notes');
		expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([MSG_SYNC, SYNC_STEP2]);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, decoding.readVarUint8Array(d));
		expect(copy.getText('notes').toString()).toBe(doc.getText('notes').toString());
		expect(copy.getMap('choices').get('1.1')).toBe(2);

		const s1 = decoding.createDecoder(syncStep1(doc));
		expect([decoding.readVarUint(s1), decoding.readVarUint(s1)]).toEqual([MSG_SYNC, 0]);
		expect(decoding.readVarUint8Array(s1)).toEqual(Y.encodeStateVector(doc));
	});
});
