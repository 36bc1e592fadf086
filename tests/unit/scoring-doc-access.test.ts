import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
	decideBoardAccess,
	decideDocAccess,
	type DocFacts
} from '../../src/lib/server/scoring/doc-access';
import {
	boardDocName,
	formatDocName,
	parseBoardName,
	parseDocName,
	type DocRef
} from '../../src/lib/protocol/yjs-docs';
import { guardAwarenessUpdate } from '../../server/yjs/awareness-guard';
import { isNoopUpdate } from '../../server/yjs/updates';

const card: DocRef = { kind: 'card', itemId: 'i1', userId: 'owner' };
const notes: DocRef = { kind: 'notes', itemId: 'i1' };
const facts = (over: Partial<DocFacts> = {}): DocFacts => ({
	state: 'scoring',
	role: 'member',
	voting: true,
	recused: false,
	ownerEligible: true,
	...over
});

describe('document names', () => {
	it('round-trips and refuses anything else', () => {
		expect(parseDocName(formatDocName(card))).toEqual(card);
		expect(parseDocName(formatDocName(notes))).toEqual(notes);
		for (const bad of ['card/i1', 'card/i1/u/x', 'notes/', 'other/i1', 'card/a b/c', '../etc'])
			expect(parseDocName(bad)).toBeNull();
	});
});

describe('the board view', () => {
	it('names round-trip, and only board names parse as boards', () => {
		expect(parseBoardName(boardDocName('i-1'))).toBe('i-1');
		for (const bad of ['board/', 'board/a/b', 'card/i1/u1', 'notes/i1', 'board/a b'])
			expect(parseBoardName(bad)).toBeNull();
		expect(parseDocName(boardDocName('i1'))).toBeNull();
	});

	it('the chair and the secretary read it in every state; nobody else, nor the recused', () => {
		for (const state of ['pending', 'scoring', 'closed'] as const) {
			expect(decideBoardAccess(facts({ role: 'chair', state }))).toBe('read');
			expect(decideBoardAccess(facts({ role: 'secretary', voting: false, state }))).toBe('read');
		}
		expect(decideBoardAccess(facts({ role: 'chair', recused: true }))).toBe('none');
		expect(decideBoardAccess(facts({ role: 'member' }))).toBe('none');
		expect(decideBoardAccess(facts({ role: null, voting: false }))).toBe('none');
		expect(decideBoardAccess(null)).toBe('missing');
	});
});

describe('who may do what with a document', () => {
	const cases: [string, DocFacts | null, DocRef, string, string][] = [
		['owner while scoring', facts(), card, 'owner', 'write'],
		['owner after close', facts({ state: 'closed' }), card, 'owner', 'read'],
		['owner before scoring', facts({ state: 'questions' }), card, 'owner', 'read'],
		['owner recused', facts({ recused: true }), card, 'owner', 'none'],
		['owner outside a written window', facts({ outsideWindow: true }), card, 'owner', 'read'],
		[
			'chair outside a written window',
			facts({ role: 'chair', outsideWindow: true }),
			card,
			'c',
			'read'
		],
		['another member', facts(), card, 'other', 'none'],
		['the chair', facts({ role: 'chair' }), card, 'chair', 'read'],
		['the secretary (non-voting)', facts({ role: 'secretary', voting: false }), card, 's', 'read'],
		['a recused chair', facts({ role: 'chair', recused: true }), card, 'chair', 'none'],
		['not on the council', facts({ role: null, voting: false }), card, 'x', 'none'],
		[
			'a card of a non-member',
			facts({ role: 'chair', ownerEligible: false }),
			card,
			'c',
			'missing'
		],
		['no such item', null, card, 'owner', 'missing'],
		['notes, voting member, live', facts({ state: 'presenting' }), notes, 'm', 'write'],
		['notes after close', facts({ state: 'closed' }), notes, 'm', 'read'],
		['notes, secretary', facts({ role: 'secretary', voting: false }), notes, 's', 'write'],
		['notes, recused', facts({ recused: true }), notes, 'm', 'none']
	];
	it.each(cases)('%s', (_name, f, ref, user, expected) => {
		expect(decideDocAccess(f, ref, user)).toBe(expected);
	});
});

describe('read-only step 2 tolerance', () => {
	it('an update with nothing new is a no-op, even with a delete set; anything new is not', () => {
		const server = new Y.Doc();
		server.getMap('choices').set('1.1', 1);
		server.getMap('choices').set('1.1', 2);
		const reader = new Y.Doc();
		Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
		const echo = Y.encodeStateAsUpdate(reader, Y.encodeStateVector(server));
		expect(Y.decodeUpdate(echo).ds.clients.size).toBe(1);
		expect(isNoopUpdate(server, echo)).toBe(true);
		reader.getMap('choices').set('1.2', 0);
		expect(isNoopUpdate(server, Y.encodeStateAsUpdate(reader, Y.encodeStateVector(server)))).toBe(
			false
		);
	});
});

describe('awareness is stamped with the session identity', () => {
	function update(entries: [number, number, unknown][]): Uint8Array {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, entries.length);
		for (const [id, clock, state] of entries) {
			encoding.writeVarUint(e, id);
			encoding.writeVarUint(e, clock);
			encoding.writeVarString(e, JSON.stringify(state));
		}
		return encoding.toUint8Array(e);
	}
	it('overwrites user, drops clients owned by another connection', () => {
		const owner = { id: 'u1', name: 'An' };
		const mine = new Set([7]);
		const guarded = guardAwarenessUpdate(
			update([
				[7, 1, { user: { id: 'chair', name: 'Chủ tịch' }, criterion: '1.1' }],
				[9, 1, { criterion: '2.1' }]
			]),
			owner,
			(id) => mine.has(id)
		);
		expect(guarded).not.toBeNull();
		const text = Buffer.from(guarded!).toString('utf8');
		expect(text).toContain('"id":"u1"');
		expect(text).not.toContain('chair');
		expect(text).not.toContain('2.1');
	});
});
