// Malformed y-websocket frames for the Yjs fuzz test (not a test file), each with the close
// codes a correct server answers it with. A frame is malformed by construction, checked
// against Yjs itself where it matters (an update Yjs would refuse whole, a state vector it
// cannot read), never against the server's own code.
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { MESSAGE_BOARD, MESSAGE_SAVED } from '../../src/lib/protocol/yjs-docs';

/** 'write': the sender may write; 'read': may only read; 'watch': a board, takes nothing. */
export type Access = 'write' | 'read' | 'watch';

export interface Frame {
	kind: string;
	data: Uint8Array | string;
	/** The close codes a correct server may answer with. */
	expect: number[];
}

/** ws closes a connection whose message is over its maxPayload with 1009 (RFC 6455). */
const MESSAGE_TOO_BIG = 1009;
const YJS_MAX_MESSAGE = 256 * 1024;

const bytes = (max = 256) => fc.uint8Array({ maxLength: max });
const build = (parts: (e: encoding.Encoder) => void) => {
	const e = encoding.createEncoder();
	parts(e);
	return encoding.toUint8Array(e);
};
const concat = (...a: Uint8Array[]) => Uint8Array.from(a.flatMap((x) => [...x]));

/** Whether Yjs refuses `update` on a copy of `base` (it throws; some of it may have landed). */
export function yjsRefuses(base: Uint8Array, update: Uint8Array): boolean {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, base);
	try {
		Y.applyUpdate(doc, update);
		return false;
	} catch {
		return true;
	} finally {
		doc.destroy();
	}
}

/** A real edit on top of `base`: new choices, or text typed into the notes. */
export function editArb(base: Uint8Array): fc.Arbitrary<Uint8Array> {
	return fc
		.tuple(
			fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.integer({ min: -1, max: 9 })), {
				minLength: 1,
				maxLength: 4
			}),
			fc.string({ minLength: 1, maxLength: 30 }),
			fc.boolean()
		)
		.map(([choices, text, del]) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, base);
			const sv = Y.encodeStateVector(doc);
			doc.transact(() => {
				for (const [k, v] of choices) doc.getMap('choices').set(k, v);
				const notes = doc.getMap<Y.Text>('notes');
				const t = notes.get('A') ?? new Y.Text();
				if (!notes.has('A')) notes.set('A', t);
				t.insert(0, text);
				if (del && t.length > 2) t.delete(1, 1);
			});
			const update = Y.encodeStateAsUpdate(doc, sv);
			doc.destroy();
			return update;
		});
}

/** A real edit damaged: cut short (often just before its delete set), bytes changed or added. */
function corruptArb(base: Uint8Array): fc.Arbitrary<Uint8Array> {
	return fc
		.tuple(
			editArb(base),
			fc.nat(),
			fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 3 }),
			fc.nat(3)
		)
		.map(([u, cut, flips, how]) => {
			let v = Uint8Array.from(u);
			if (how !== 1) v = v.subarray(0, how === 0 ? v.length - 1 : cut % v.length);
			for (const [at, b] of flips) if (how !== 0 && v.length) v[at % v.length] = b;
			return v;
		})
		.filter((v) => yjsRefuses(base, v));
}

function awarenessMalformed(a: Uint8Array): boolean {
	try {
		const d = decoding.createDecoder(a);
		const n = decoding.readVarUint(d);
		for (let k = 0; k < n; k++) {
			decoding.readVarUint(d);
			decoding.readVarUint(d);
			JSON.parse(decoding.readVarString(d));
		}
		return false;
	} catch {
		return true;
	}
}

const awarenessJunk = fc
	.oneof(
		bytes(),
		fc.tuple(fc.integer({ min: 2, max: 1000 }), fc.nat(2 ** 31), fc.string()).map(([n, id, s]) =>
			build((e) => {
				encoding.writeVarUint(e, n); // claims more entries than follow
				encoding.writeVarUint(e, id);
				encoding.writeVarUint(e, 1);
				encoding.writeVarString(e, JSON.stringify({ s }));
			})
		),
		fc
			.tuple(fc.nat(2 ** 31), fc.constantFrom('{', '{"user":', 'undefined', "{'a':1}", '\u0000'))
			.map(([id, json]) =>
				build((e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint(e, id);
					encoding.writeVarUint(e, 1);
					encoding.writeVarString(e, json);
				})
			)
	)
	.filter(awarenessMalformed);

/** Every frame kind, with its answer for a connection of `access` to a document at `base`. */
export function frameArb(base: Uint8Array, access: Access): fc.Arbitrary<Frame> {
	const bad: number[] = [CLOSE.badMessage];
	const f = (kind: string, data: fc.Arbitrary<Uint8Array | string>, expect: number[] = bad) =>
		data.map((d): Frame => ({ kind, data: d, expect }));
	const kinds: fc.Arbitrary<Frame>[] = [
		f(
			'random bytes',
			bytes(2048).filter((b) => {
				// Random bytes that happen to spell a message the server takes are not malformed.
				try {
					return decoding.readVarUint(decoding.createDecoder(b)) > 3;
				} catch {
					return true;
				}
			})
		),
		f(
			'unknown type',
			fc.tuple(fc.integer({ min: 4, max: 2 ** 32 }), bytes()).map(([t, b]) =>
				concat(
					build((e) => encoding.writeVarUint(e, t)),
					b
				)
			)
		),
		f(
			'server-only type',
			fc.tuple(fc.constantFrom(MESSAGE_SAVED, MESSAGE_BOARD), bytes()).map(([t, b]) =>
				concat(
					build((e) => encoding.writeVarUint(e, t)),
					b
				)
			)
		),
		f(
			'varint overflow',
			fc
				.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 8, max: 20 }))
				.map(([lead, n]) =>
					Uint8Array.from([...Array(lead - 1).fill(0), ...Array(n).fill(0xff), 0x7f])
				)
		),
		f(
			'unterminated varint',
			fc.integer({ min: 1, max: 16 }).map((n) => Uint8Array.from(Array(n).fill(0x80)))
		),
		f(
			'truncated sync',
			fc.oneof(
				fc.constant(Uint8Array.from([0])),
				fc.constantFrom(0, 1, 2).map((s) => Uint8Array.from([0, s]))
			)
		),
		f(
			'length past the end',
			fc
				.tuple(fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 2 ** 40 }), bytes(32))
				.filter(([, n, b]) => n > b.length)
				.map(([s, n, b]) =>
					concat(
						build((e) => {
							encoding.writeVarUint(e, 0);
							encoding.writeVarUint(e, s);
							encoding.writeVarUint(e, n);
						}),
						b
					)
				)
		),
		f(
			'unknown sync step',
			fc.tuple(fc.integer({ min: 3, max: 2 ** 20 }), bytes()).map(([s, b]) =>
				concat(
					Uint8Array.from([0]),
					build((e) => encoding.writeVarUint(e, s)),
					b
				)
			)
		),
		f(
			'unreadable state vector',
			bytes(64)
				.filter((sv) => {
					try {
						Y.encodeStateAsUpdate(new Y.Doc(), sv);
						return false;
					} catch {
						return true;
					}
				})
				.map((sv) =>
					build((e) => {
						encoding.writeVarUint(e, 0);
						encoding.writeVarUint(e, 0);
						encoding.writeVarUint8Array(e, sv);
					})
				)
		),
		f(
			'corrupt update',
			fc.tuple(fc.constantFrom(1, 2), corruptArb(base)).map(([s, u]) =>
				build((e) => {
					encoding.writeVarUint(e, 0);
					encoding.writeVarUint(e, s);
					encoding.writeVarUint8Array(e, u);
				})
			),
			access === 'write' ? bad : [CLOSE.badMessage, CLOSE.forbidden]
		),
		f(
			'awareness junk',
			awarenessJunk.map((a) =>
				build((e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint8Array(e, a);
				})
			)
		),
		f('text frame', fc.string({ maxLength: 64 })),
		f(
			'over the size limit',
			fc
				.integer({ min: YJS_MAX_MESSAGE + 1, max: YJS_MAX_MESSAGE + 4096 })
				.map((n) => new Uint8Array(n)),
			[MESSAGE_TOO_BIG]
		)
	];
	if (access !== 'write')
		kinds.push(
			f(
				'write to a read-only document',
				fc.tuple(fc.constantFrom(1, 2), editArb(base)).map(([s, u]) =>
					build((e) => {
						encoding.writeVarUint(e, 0);
						encoding.writeVarUint(e, s);
						encoding.writeVarUint8Array(e, u);
					})
				),
				[CLOSE.forbidden]
			)
		);
	const all = fc.oneof(
		...kinds.map((k, n) => ({
			weight: n === kinds.length - (access === 'write' ? 1 : 2) ? 1 : 8,
			arbitrary: k
		}))
	);
	// A board takes nothing at all: whatever arrives, the answer is "read-only".
	return access === 'watch'
		? all.map((fr) => ({
				...fr,
				expect: fr.expect.includes(MESSAGE_TOO_BIG) ? fr.expect : [CLOSE.forbidden]
			}))
		: all;
}
