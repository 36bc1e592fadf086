// Needs the build (BUILD_DIR, as for every test that spawns the app). Generated malformed
// y-websocket frames for every Yjs document kind that tests/helpers/surfaces.ts discovers, sent
// as the person who may open the document: each bad connection is closed with a protocol close
// code, nothing is ever applied (an observer sees no update, a fresh reader reads the same
// state, the database is unchanged), other connections stay open, the server stays up.
// One frame per connection: the per-connection message limit never speaks for validation.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDocName, cardDocName, notesDocName } from '../../src/lib/protocol/yjs-docs';
import { yjsUpdates } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { FUZZ_RUNS, casesOf, fuzzSeed, pool, stateFingerprint } from '../helpers/fuzz';
import { seedFuzzFixture, type FuzzFixture, type FuzzPerson } from '../helpers/fuzz-fixture';
import { realtimeSurfaces } from '../helpers/surfaces';
import { frameArb, type Access, type Frame } from './malformed-yjs-frames';
import { provider, synced, until, wsBase } from './yjs-helpers';

const seed = fuzzSeed('malformed-input-yjs');
const CLOSE_MS = 10_000;
const app = useBuiltApp({
	seed: async (db, dir) => {
		const fixture = await seedFuzzFixture(db, dir);
		// The closed item's notes have content before anyone connects (nobody may write them now).
		const d = new Y.Doc();
		d.getMap('notes').set('A', new Y.Text('Ghi chú đã chốt'));
		db.insert(yjsUpdates)
			.values({
				doc: notesDocName(fixture.closedItemId),
				update: Buffer.from(Y.encodeStateAsUpdate(d)),
				at: Date.now()
			})
			.run();
		return fixture;
	},
	releaseDb: true
});
let f: FuzzFixture;
const counts: Record<string, number> = {};
const observers: ReturnType<typeof provider>[] = [];

interface Target {
	as: FuzzPerson;
	doc: string;
	access: Access;
	/** The document whose state must not move (a board's: the card it shows). */
	watched: string;
}

function registry(): Record<string, Target[]> {
	const own = cardDocName(f.itemId, f.ids.m1);
	return {
		'yjs card/<itemId>/<own userId>': [{ as: 'm1', doc: own, access: 'write', watched: own }],
		'yjs card/<itemId>/<other userId>': [{ as: 'chair', doc: own, access: 'read', watched: own }],
		'yjs notes/<itemId>': [
			{ as: 'm1', doc: notesDocName(f.itemId), access: 'write', watched: notesDocName(f.itemId) },
			{
				as: 'm1',
				doc: notesDocName(f.closedItemId),
				access: 'read',
				watched: notesDocName(f.closedItemId)
			}
		],
		'yjs board/<itemId>': [
			{ as: 'chair', doc: boardDocName(f.itemId), access: 'watch', watched: own }
		]
	};
}

beforeAll(async () => {
	f = app.seeded;
	// Real content in the writable documents, typed by their owner.
	for (const doc of [cardDocName(f.itemId, f.ids.m1), notesDocName(f.itemId)]) {
		const w = provider(app.url, doc, f.cookies.m1);
		await synced(w.provider);
		const r = provider(app.url, doc, f.cookies.m1);
		await synced(r.provider);
		w.doc.getMap('choices').set('A1', 1);
		w.doc.getMap('notes').set('A', new Y.Text('Nhận xét'));
		// Another connection has it: the server applied and stored it.
		await until(() => r.doc.getMap('choices').get('A1') === 1 && r.doc.getMap('notes').has('A'));
		w.provider.destroy();
		r.provider.destroy();
	}
});

afterAll(async () => {
	for (const o of observers) o.provider.destroy();
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	console.log(`[fuzz] yjs: ${Object.keys(counts).length} surfaces, ${total} frames`);
});

/** The document as a fresh reader gets it now. */
async function readNow(doc: string, as: FuzzPerson) {
	const r = provider(app.url, doc, f.cookies[as]);
	await synced(r.provider);
	const state = { sv: [...Y.encodeStateVector(r.doc)], json: JSON.stringify(r.doc.toJSON()) };
	r.provider.destroy();
	return state;
}

/** Opens a connection, sends one frame once the server has spoken, resolves with the close. */
function sendOne(t: Target, frame: Frame): Promise<string | null> {
	const ws = new WebSocket(`${wsBase(app.url)}/${t.doc}`, {
		headers: { origin: app.url, cookie: f.cookies[t.as] }
	});
	ws.on('error', () => undefined);
	return new Promise((resolve) => {
		let spoke = false;
		const timer = setTimeout(() => {
			ws.terminate();
			resolve(`${frame.kind}: still open after ${CLOSE_MS} ms`);
		}, CLOSE_MS);
		ws.once('message', () => {
			spoke = true;
			ws.send(frame.data, { binary: typeof frame.data !== 'string' });
		});
		ws.on('close', (code) => {
			clearTimeout(timer);
			if (!spoke) resolve(`refused before the frame: ${code}`);
			else if (!frame.expect.includes(code))
				resolve(`${frame.kind}: closed ${code}, expected ${frame.expect.join(' or ')}`);
			else resolve(null);
		});
	});
}

describe('malformed Yjs frames', () => {
	it('has targets for every Yjs document kind the endpoint serves', () => {
		const kinds = realtimeSurfaces().filter((k) => k.startsWith('yjs '));
		expect(Object.keys(registry()).sort()).toEqual(kinds.sort());
	});

	const kinds = realtimeSurfaces().filter((k) => k.startsWith('yjs '));
	it.each(kinds)('%s', { timeout: 120_000 }, async (key) => {
		const targets = registry()[key];
		expect(targets, `no targets for ${key}`).toBeDefined();
		const problems: string[] = [];
		let n = 0;
		for (const [ti, t] of targets.entries()) {
			// An observer that may read the document: it must never receive an update.
			const watcher: FuzzPerson = t.access === 'write' ? t.as : 'chair';
			const obs = provider(app.url, t.watched, f.cookies[watcher]);
			observers.push(obs);
			await synced(obs.provider);
			let updates = 0;
			obs.doc.on('update', () => updates++);
			const before = await readNow(t.watched, watcher);
			const fp = stateFingerprint(f.dbFile);
			const base = Y.encodeStateAsUpdate(obs.doc);
			// The surface's cases are shared among its targets (a writer's and a reader's notes).
			const runs = Math.ceil(FUZZ_RUNS / targets.length);
			const frames = casesOf(frameArb(base, t.access), seed, `${key}#${ti}`, runs);
			n += frames.length;
			await pool(frames, 8, async (frame, i) => {
				const problem = await sendOne(t, frame);
				if (problem && problems.length < 5) problems.push(`#${i} ${problem}`);
			});
			expect(obs.provider.wsconnected, 'the observer was disconnected').toBe(true);
			expect(updates, `${t.doc}: the observer received an update`).toBe(0);
			expect(await readNow(t.watched, watcher), `${t.doc} changed`).toEqual(before);
			expect(stateFingerprint(f.dbFile), `${t.doc}: the database changed`).toEqual(fp);
			obs.provider.destroy();
		}
		counts[key] = n;
		expect(app.app.child.exitCode, app.app.output().slice(-2000)).toBeNull();
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect(problems, `${key} (FUZZ_SEED=${seed})`).toEqual([]);
		console.log(`[fuzz] ${key}: ${n} frames`);
	});
});
