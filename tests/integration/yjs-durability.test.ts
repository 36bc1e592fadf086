// Needs the build: BUILD_DIR=build-h6 (or build) with `vite build` done first.
import { afterAll, describe, expect, it } from 'vitest';
import { io as connectIo } from 'socket.io-client';
import * as Y from 'yjs';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { openDatabase } from '../../src/lib/server/db/client';
import { scorecards } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { card, seedScoringFixture } from './scoring-fixture';
import { provider, storedDoc, synced, until } from './yjs-helpers';
import type { WebsocketProvider } from 'y-websocket';

// The server is the database file's only user, so the kill leaves its WAL for the restart.
const app = useBuiltApp({
	seed: (db) => seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, Date.now()),
	releaseDb: true
});
const providers: WebsocketProvider[] = [];

afterAll(() => {
	for (const p of providers) p.destroy();
});

function covers(server: Map<number, number>, seen: Map<number, number>): boolean {
	for (const [client, clock] of seen) if ((server.get(client) ?? 0) < clock) return false;
	return true;
}

describe('a server killed with SIGKILL while members score', () => {
	it('restarts with every update it had broadcast, and every submitted card', async () => {
		const f = app.seeded;
		const url = app.url;
		const docs = [f.ids.m1, f.ids.m2].map((id) => cardDocName(f.itemId, id));
		const members = [provider(url, docs[0], f.cookies.m1), provider(url, docs[1], f.cookies.m2)];
		const watchers = docs.map((d) => provider(url, d, f.cookies.chair));
		providers.push(...[...members, ...watchers].map((c) => c.provider));
		await Promise.all([...members, ...watchers].map((c) => synced(c.provider)));

		// m1 fills the card, and submits it over the socket once the server holds it (the chair's
		// copy has it: it was broadcast, so committed); the ack means the submitted card is stored.
		const full = card();
		members[0].doc.transact(() => {
			for (const [code, option] of Object.entries(full))
				members[0].doc.getMap('choices').set(code, option);
		});
		await until(() => watchers[0].doc.getMap('choices').size === Object.keys(full).length);
		const socket = connectIo(url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: url, cookie: f.cookies.m1 },
			reconnection: false
		});
		const ack = await socket.timeout(5000).emitWithAck('score:submit', { itemId: f.itemId });
		expect(ack.ok).toBe(true);
		socket.close();

		// Both members tick continuously; kill the server in the middle of it.
		const codes = Object.keys(full);
		let n = 0;
		const ticking = setInterval(() => {
			for (const m of members) m.doc.getMap('choices').set(codes[n % codes.length], n % 2);
			n++;
		}, 2);
		await until(() => n > 60 && watchers.every((w) => w.doc.getMap('choices').size > 5));
		await app.stop(true);
		clearInterval(ticking);
		const seen = watchers.map((w) => Y.decodeStateVector(Y.encodeStateVector(w.doc)));

		const after = openDatabase(app.dbFile);
		for (const [i, d] of docs.entries()) {
			const stored = Y.decodeStateVector(Y.encodeStateVector(storedDoc(after, d)));
			expect(covers(stored, seen[i])).toBe(true);
		}
		expect(after.select().from(scorecards).all()).toMatchObject([
			{ userId: f.ids.m1, choices: full }
		]);
		after.$client.close();

		// Restart on the same port: the members' providers reconnect and catch up.
		await app.start();
		await until(() => members.every((m) => m.provider.synced), 15_000);
		const check = docs.map((d) => provider(url, d, f.cookies.chair));
		providers.push(...check.map((c) => c.provider));
		await Promise.all(check.map((c) => synced(c.provider)));
		for (const [i, c] of check.entries())
			await until(
				() =>
					JSON.stringify(c.doc.getMap('choices').toJSON()) ===
					JSON.stringify(members[i].doc.getMap('choices').toJSON())
			);
	}, 60_000);
});
