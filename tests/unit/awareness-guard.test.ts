import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	FOREIGN_IDS,
	MAX_AWARENESS_STATE_BYTES,
	MAX_UNKNOWN_IDS,
	STATE_TOO_LARGE,
	guardAwarenessUpdate
} from '../../server/yjs/awareness-guard';

const owner = { id: 'u1', name: 'An' };

function update(entries: [number, unknown][]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const [id, state] of entries) {
		encoding.writeVarUint(e, id);
		encoding.writeVarUint(e, 1);
		encoding.writeVarString(e, JSON.stringify(state));
	}
	return encoding.toUint8Array(e);
}

function entries(bytes: Uint8Array): [number, unknown][] {
	const d = decoding.createDecoder(bytes);
	const out: [number, unknown][] = [];
	for (let n = decoding.readVarUint(d); n > 0; n--) {
		const id = decoding.readVarUint(d);
		decoding.readVarUint(d);
		out.push([id, JSON.parse(decoding.readVarString(d))]);
	}
	return out;
}

/** The hub's rule in miniature: the first id with a state is the connection's own. */
function connection(held: number[] = []) {
	let own: number | null = null;
	const others = new Set(held);
	return {
		claim: (id: number, hasState: boolean) => {
			if (own !== null) return id === own;
			if (!hasState || others.has(id)) return false;
			own = id;
			return true;
		},
		held: (id: number) => id === own || others.has(id)
	};
}

describe('a connection publishes one presence', () => {
	it('keeps the first id it uses, stamped with the session; drops every other id', () => {
		const c = connection();
		const first = guardAwarenessUpdate(
			update([
				[5, { criterion: '1.1', user: { id: 'chair' } }],
				[6, { criterion: '2.1' }]
			]),
			owner,
			c.claim,
			c.held
		);
		expect(entries(first as Uint8Array)).toEqual([
			[5, { criterion: '1.1', user: { id: 'u1', name: 'An' } }]
		]);
		const later = guardAwarenessUpdate(update([[6, { criterion: '3.1' }]]), owner, c.claim, c.held);
		expect(later).toBeNull();
	});

	it("drops echoes of others' states and never removes them, however many", () => {
		const others = Array.from({ length: 50 }, (_, i) => 100 + i);
		const c = connection(others);
		c.claim(5, true);
		const echo = update([...others.map((id): [number, unknown] => [id, null]), [5, { a: 1 }]]);
		expect(entries(guardAwarenessUpdate(echo, owner, c.claim, c.held) as Uint8Array)).toEqual([
			[5, { a: 1, user: owner }]
		]);
		const states = update(others.map((id): [number, unknown] => [id, { criterion: 'x' }]));
		expect(guardAwarenessUpdate(states, owner, c.claim, c.held)).toBeNull();
	});

	it('a removal claims nothing: the next state is still the connection’s own', () => {
		const c = connection();
		expect(guardAwarenessUpdate(update([[9, null]]), owner, c.claim, c.held)).toBeNull();
		const own = guardAwarenessUpdate(update([[7, { b: 2 }]]), owner, c.claim, c.held);
		expect(entries(own as Uint8Array)[0][0]).toBe(7);
	});

	it(`refuses more than ${MAX_UNKNOWN_IDS} fresh ids in one message`, () => {
		const fresh = (n: number) =>
			update(Array.from({ length: n }, (_, i): [number, unknown] => [1000 + i, { x: i }]));
		const a = connection();
		expect(guardAwarenessUpdate(fresh(MAX_UNKNOWN_IDS + 1), owner, a.claim, a.held)).not.toBe(
			FOREIGN_IDS
		);
		const b = connection();
		expect(guardAwarenessUpdate(fresh(MAX_UNKNOWN_IDS + 2), owner, b.claim, b.held)).toBe(
			FOREIGN_IDS
		);
	});

	it('junk in a dropped entry is still refused as malformed', () => {
		const c = connection([6]);
		c.claim(5, true);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 2);
		for (const [id, json] of [
			[5, '{"a":1}'],
			[6, '{"user":']
		] as const) {
			encoding.writeVarUint(e, id);
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, json);
		}
		expect(() => guardAwarenessUpdate(encoding.toUint8Array(e), owner, c.claim, c.held)).toThrow();
	});

	it(`closes on its own state over ${MAX_AWARENESS_STATE_BYTES} bytes, counted in UTF-8`, () => {
		// 'ộ' is 3 bytes: fewer characters than the cap, more bytes.
		const big = { note: 'ộ'.repeat(Math.ceil(MAX_AWARENESS_STATE_BYTES / 3)) };
		const c = connection();
		expect(guardAwarenessUpdate(update([[5, big]]), owner, c.claim, c.held)).toBe(STATE_TOO_LARGE);
		const d = connection([6]);
		d.claim(5, true);
		expect(guardAwarenessUpdate(update([[6, big]]), owner, d.claim, d.held)).toBeNull();
		const small = { note: 'x'.repeat(MAX_AWARENESS_STATE_BYTES - 20) };
		expect(guardAwarenessUpdate(update([[5, small]]), owner, d.claim, d.held)).not.toBeNull();
	});
});
