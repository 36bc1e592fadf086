import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { YjsStore } from '../../server/yjs/store';
import { YjsHub } from '../../server/yjs/hub';
import { WriteBehind } from '../../server/yjs/write-behind';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { makeTestContext, type TestContext } from '../helpers/context';
import { seedScoringFixture } from './scoring-fixture';
import { choiceUpdate, storedDoc, syncUpdateFrame } from './yjs-helpers';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../src/lib/protocol/yjs-docs';

let ctx: TestContext | null = null;
afterEach(() => ctx?.cleanup());

/** Enough of a ws socket to see what was sent, in order, and whether it was closed. */
function fakeSocket() {
	const sent: string[] = [];
	const ws = {
		OPEN: 1,
		readyState: 1,
		send: (bytes: Uint8Array) => sent.push(new TextDecoder().decode(bytes)),
		close: () => (ws.readyState = 2)
	};
	return { ws: ws as unknown as WebSocket, sent, raw: ws };
}

const rows = (c: TestContext) =>
	c.db.$client.prepare('select doc, at from yjs_updates order by id').all() as { doc: string }[];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Yjs appends are committed once per turn, before anything that reveals them', () => {
	it('holds frames until the batch is on disk, then sends them in order', async () => {
		ctx = makeTestContext();
		const c = ctx;
		const writes = new WriteBehind(new YjsStore(c.db.$client, c.now), () => {
			throw new Error('no failure expected');
		});
		const a = fakeSocket();
		writes.send(a.ws, new TextEncoder().encode('before')); // nothing pending: sent at once
		expect(a.sent).toEqual(['before']);
		writes.append('card/i/u1', new Uint8Array([1]));
		writes.append('card/i/u2', new Uint8Array([2]));
		writes.send(a.ws, new TextEncoder().encode('u1'));
		let committedRows = -1;
		writes.afterCommit(() => (committedRows = rows(c).length));
		writes.send(a.ws, new TextEncoder().encode('u2'));
		expect(a.sent).toEqual(['before']);
		expect(rows(c)).toHaveLength(0);
		await tick();
		expect(rows(c).map((r) => r.doc)).toEqual(['card/i/u1', 'card/i/u2']);
		expect(a.sent).toEqual(['before', 'u1', 'u2']);
		expect(committedRows).toBe(2);
	});

	it('a failed commit stores nothing of the batch and reports its documents', async () => {
		ctx = makeTestContext();
		const c = ctx;
		const failed: string[][] = [];
		const a = fakeSocket();
		const b = fakeSocket();
		const writes = new WriteBehind(new YjsStore(c.db.$client, c.now), (docs) => {
			failed.push([...docs]);
			a.raw.close(); // what the hub does: close the failed documents' connections
		});
		// The second row breaks a NOT NULL constraint inside the same transaction.
		writes.append('card/i/u1', new Uint8Array([1]));
		writes.append(null as unknown as string, new Uint8Array([2]));
		writes.send(a.ws, new TextEncoder().encode('to the failed doc'));
		writes.send(b.ws, new TextEncoder().encode('to another doc'));
		await tick();
		expect(failed).toEqual([['card/i/u1', null]]);
		expect(rows(c)).toHaveLength(0);
		expect(a.sent).toEqual([]);
		expect(b.sent).toEqual(['to another doc']);
	});

	it('while another connection holds the write lock, the event loop goes on and the batch commits once it is free', async () => {
		ctx = makeTestContext();
		const c = ctx;
		const failures: unknown[] = [];
		const writes = new WriteBehind(new YjsStore(c.db.$client, c.now), (_docs, e) =>
			failures.push(e)
		);
		// Another connection takes the write lock (as the checkpoint thread does to restart the
		// log). It is released by a callback of this same thread: a commit that waited in SQLite's
		// busy handler would hold the thread for the whole busy timeout, and then fail.
		const other = new Database(c.file);
		try {
			other.exec('begin immediate');
			const a = fakeSocket();
			writes.append('card/i/u1', new Uint8Array([1]));
			writes.send(a.ws, new TextEncoder().encode('u1'));
			let ran = 0;
			const beat = setInterval(() => ran++, 2);
			await new Promise((resolve) => setTimeout(resolve, 60));
			clearInterval(beat);
			expect(ran).toBeGreaterThan(3);
			expect(rows(c)).toHaveLength(0);
			expect(a.sent).toEqual([]);
			// Arriving meanwhile, it joins the waiting batch and is revealed after it, in order.
			writes.append('card/i/u2', new Uint8Array([2]));
			writes.send(a.ws, new TextEncoder().encode('u2'));
			other.exec('commit');
			for (let i = 0; i < 200 && a.sent.length < 2; i++) await tick();
			expect(rows(c).map((r) => r.doc)).toEqual(['card/i/u1', 'card/i/u2']);
			expect(a.sent).toEqual(['u1', 'u2']);
			expect(failures).toEqual([]);
		} finally {
			other.close();
		}
	});

	it('a lock held past the busy timeout fails the batch, as a waiting write would, and shows nothing', async () => {
		ctx = makeTestContext();
		const c = ctx;
		c.db.$client.pragma('busy_timeout = 80');
		const failed: string[][] = [];
		const a = fakeSocket();
		const writes = new WriteBehind(new YjsStore(c.db.$client, c.now), (docs) => {
			failed.push([...docs]);
			a.raw.close();
		});
		const other = new Database(c.file);
		try {
			other.exec('begin immediate');
			writes.append('card/i/u1', new Uint8Array([1]));
			writes.send(a.ws, new TextEncoder().encode('u1'));
			await new Promise((resolve) => setTimeout(resolve, 40));
			expect(failed).toEqual([]);
			await new Promise((resolve) => setTimeout(resolve, 120));
			expect(failed).toEqual([['card/i/u1']]);
			other.exec('commit');
			expect(rows(c)).toHaveLength(0);
			expect(a.sent).toEqual([]);
			// The connection's own timeout is as it was: the tries do not leave it at zero.
			expect(c.db.$client.pragma('busy_timeout', { simple: true })).toBe(80);
		} finally {
			other.close();
		}
	});

	it('flush() commits at once, e.g. on shutdown', () => {
		ctx = makeTestContext();
		const writes = new WriteBehind(new YjsStore(ctx.db.$client, ctx.now), () => undefined);
		writes.append('notes/i', new Uint8Array([3]));
		writes.flush();
		expect(rows(ctx)).toHaveLength(1);
	});
});

/** Enough of a ws socket for the hub: events in, frames out. */
function hubSocket() {
	const ws = Object.assign(new EventEmitter(), {
		OPEN: 1,
		readyState: 1,
		binaryType: 'nodebuffer',
		sent: [] as Uint8Array[],
		send(bytes: Uint8Array) {
			ws.sent.push(bytes);
		},
		close() {
			ws.readyState = 3;
			ws.emit('close');
		},
		ping() {},
		terminate() {}
	});
	return ws;
}

describe('a document reopened in the same turn it was unloaded', () => {
	it('loads with the appends still waiting to be committed', () => {
		ctx = makeTestContext();
		const f = seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now());
		const hub = new YjsHub(ctx);
		try {
			const name = cardDocName(f.itemId, f.ids.m1);
			const user = { id: f.ids.m1 } as never;
			const req = { url: `/yjs/${name}` } as IncomingMessage;
			const first = hubSocket();
			hub.handleConnection({ ws: first as never, user, docName: name }, req);
			first.emit('message', Buffer.from(syncUpdateFrame(choiceUpdate('1.1', 2))), true);
			first.close(); // the last connection: the document is unloaded, its append not yet committed
			const second = hubSocket();
			hub.handleConnection({ ws: second as never, user, docName: name }, req);
			expect(hub.cardChoices(f.itemId, f.ids.m1)).toEqual({ '1.1': 2 });
			expect(storedDoc(ctx.db, name).getMap('choices').toJSON()).toEqual({ '1.1': 2 });
		} finally {
			hub.close();
		}
	});
});

describe('the hub stores and forwards what a document took, as its sender sent it', () => {
	/** The sync updates among the frames a socket was sent (not step 1/2, saved, awareness). */
	function syncUpdates(sent: Uint8Array[]): Uint8Array[] {
		const out: Uint8Array[] = [];
		for (const frame of sent) {
			const d = decoding.createDecoder(frame);
			if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 2) continue;
			out.push(decoding.readVarUint8Array(d));
		}
		return out;
	}
	/** Two ticks in a row of one browser: the second builds on the first. */
	function twoTicks(): [Uint8Array, Uint8Array] {
		const d = new Y.Doc();
		const made: Uint8Array[] = [];
		d.on('update', (u: Uint8Array) => made.push(u));
		d.getMap('choices').set('1.1', 1);
		d.getMap('choices').set('1.1', 2);
		return [made[0], made[1]];
	}
	function open() {
		ctx = makeTestContext();
		const f = seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now());
		const hub = new YjsHub(ctx);
		const name = cardDocName(f.itemId, f.ids.m1);
		const user = { id: f.ids.m1 } as never;
		const req = { url: `/yjs/${name}?saved=1` } as IncomingMessage;
		const connect = () => {
			const ws = hubSocket();
			hub.handleConnection({ ws: ws as never, user, docName: name }, req);
			return ws;
		};
		const stored = () =>
			(
				ctx!.db.$client
					.prepare('select "update" as bytes from yjs_updates where doc = ? order by id')
					.all(name) as { bytes: Buffer }[]
			).map((r) => new Uint8Array(r.bytes));
		return { f, hub, name, connect, stored };
	}

	it('an update that arrives before the one it builds on is stored too: the card survives a reload', async () => {
		const { f, hub, name, connect, stored } = open();
		try {
			const member = connect();
			const otherTab = connect();
			const [first, second] = twoTicks();
			// The second arrives first: Yjs keeps it aside until the first is there.
			member.emit('message', Buffer.from(syncUpdateFrame(second)), true);
			await tick();
			expect(stored()).toEqual([second]);
			member.emit('message', Buffer.from(syncUpdateFrame(first)), true);
			await tick();
			expect(stored()).toEqual([second, first]);
			expect(hub.cardChoices(f.itemId, f.ids.m1)).toEqual({ '1.1': 2 });
			// What a restarted server loads: the log alone.
			expect(storedDoc(ctx!.db, name).getMap('choices').toJSON()).toEqual({ '1.1': 2 });
			// The member's other tab got both, as sent, and comes to the same card.
			expect(syncUpdates(otherTab.sent)).toEqual([second, first]);
			const tab = new Y.Doc();
			for (const u of syncUpdates(otherTab.sent)) Y.applyUpdate(tab, u);
			expect(tab.getMap('choices').toJSON()).toEqual({ '1.1': 2 });
		} finally {
			hub.close();
		}
	});

	it('an update the document already holds is neither stored nor sent again', async () => {
		const { hub, connect, stored } = open();
		try {
			const member = connect();
			const otherTab = connect();
			const [first] = twoTicks();
			member.emit('message', Buffer.from(syncUpdateFrame(first)), true);
			await tick();
			member.emit('message', Buffer.from(syncUpdateFrame(first)), true);
			await tick();
			expect(stored()).toEqual([first]);
			expect(syncUpdates(otherTab.sent)).toEqual([first]);
			// Still answered "saved": the server holds every tick the sender has.
			const saved = member.sent.filter((b) => b[0] === MESSAGE_SAVED);
			expect(saved.length).toBeGreaterThanOrEqual(3); // on connect, then once per update
		} finally {
			hub.close();
		}
	});
});
