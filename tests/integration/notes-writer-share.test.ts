// An item's shared notes are written by several people: one member cannot fill them for the
// others. Found from outside: a member wrote 2 MB of notes, and every later note of anyone was
// refused for the rest of the item. Each member now has a share (NOTES_MEMBER_SHARE_BYTES),
// counted in SQLite with the update and kept across a restart; the chair and the secretary, who
// keep the record, write up to the document's own limit. Real server, sockets and SQLite file.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_MEMBER_SHARE_BYTES } from '../../server/yjs/hub';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { NOTES_BY_CRITERION, notesDocName } from '../../src/lib/protocol/yjs-docs';
import { yjsWriterBytes } from '../../src/lib/server/db/schema';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { rawClient, storedDoc, syncUpdateFrame, type RawClient } from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;
const open: RawClient[] = [];
beforeAll(() => {
	f = app.seeded;
});
afterAll(() => {
	for (const c of open) c.ws.close();
});

const CHUNK = 100 * 1024;
const doc = () => notesDocName(f.itemId);

/** `who`'s own Yjs doc, writing into criterion `code`, as their browser would. */
function writer(who: Person) {
	const mine = new Y.Doc();
	const text = () => mine.getMap<Y.Text>(NOTES_BY_CRITERION).get(who) as Y.Text;
	mine.getMap<Y.Text>(NOTES_BY_CRITERION).set(who, new Y.Text());
	let client: RawClient | null = null;
	return {
		async connect() {
			client = rawClient(app.url, doc(), f.cookies[who]);
			open.push(client);
			await client.ready;
			// The text's own creation first (a few bytes).
			client.send(syncUpdateFrame(Y.encodeStateAsUpdate(mine)));
		},
		/** Writes `size` characters; resolves 'kept' once stored, or the close code. */
		async write(size: number): Promise<'kept' | number> {
			const before = Y.encodeStateVector(mine);
			text().insert(text().length, who[0].repeat(size));
			client!.send(syncUpdateFrame(Y.encodeStateAsUpdate(mine, before)));
			const closed = client!.closed.then((code) => code);
			const kept = (async () => {
				for (let i = 0; i < 100; i++) {
					const stored = (storedDoc(app.db, doc()).getMap(NOTES_BY_CRITERION).get(who) ?? '') as
						Y.Text | string;
					if (stored.toString().length === text().length) return 'kept' as const;
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				return 'lost' as const;
			})();
			const r = await Promise.race([closed, kept]);
			if (r === 'lost') throw new Error('neither stored nor refused');
			return r;
		}
	};
}

const counted = (who: Person) =>
	app.db
		.select({ bytes: yjsWriterBytes.bytes })
		.from(yjsWriterBytes)
		.where(eq(yjsWriterBytes.userId, f.ids[who]))
		.get()?.bytes ?? 0;

describe('shared notes: a share per member', () => {
	it('refuses a member past their share, keeps what they wrote, and lets the others write', async () => {
		const m1 = writer('m1');
		await m1.connect();
		let refusedAt = -1;
		for (let i = 0; i < 8 && refusedAt < 0; i++) {
			const r = await m1.write(CHUNK);
			if (r !== 'kept') {
				expect(r).toBe(CLOSE.notesShareFull);
				refusedAt = i;
			}
		}
		// 5 × 100 KiB fit in 512 KiB; the sixth does not.
		expect(refusedAt).toBe(Math.floor(NOTES_MEMBER_SHARE_BYTES / CHUNK));
		const stored = storedDoc(app.db, doc()).getMap(NOTES_BY_CRITERION).get('m1') as Y.Text;
		expect(stored.length).toBe(refusedAt * CHUNK);
		expect(counted('m1')).toBeGreaterThan(refusedAt * CHUNK);
		expect(counted('m1')).toBeLessThanOrEqual(NOTES_MEMBER_SHARE_BYTES);

		const m2 = writer('m2');
		await m2.connect();
		expect(await m2.write(3000)).toBe('kept');
	});

	it('lets the secretary write past a member’s share, up to the document’s limit', async () => {
		const secretary = writer('secretary');
		await secretary.connect();
		for (let i = 0; i < 7; i++) expect(await secretary.write(CHUNK)).toBe('kept');
		expect(counted('secretary')).toBeGreaterThan(NOTES_MEMBER_SHARE_BYTES);
	});

	it('keeps the count across a restart: the member stays refused', async () => {
		await app.restart();
		const m1 = writer('m1');
		await m1.connect();
		expect(await m1.write(CHUNK)).toBe(CLOSE.notesShareFull);
		const m3 = writer('m3');
		await m3.connect();
		expect(await m3.write(2000)).toBe('kept');
	});
});
