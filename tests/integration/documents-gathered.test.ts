// A download's document is gathered by the render thread from the database file, on its own
// connection (documents/index.ts documentOf, worker-gather.ts): the event loop only passes the
// request on and the bytes back. The same document as gathered on the event loop, the same
// register numbers, nothing for what does not exist; a database that is not a file is gathered
// where it lives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { documentOf, gatherDocument } from '../../src/lib/server/documents';
import { issueNumber, registerEntries } from '../../src/lib/server/documents/register';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';

const renderer = testRenderer();
let ctx: TestContext;
let world: World;
let seq: number;

/**
 * The app's database as the render thread is told of it: its file only. Anything that tried to
 * query through this object on the event loop would fail.
 */
const fileOnly = (db: Db) =>
	({ $client: { memory: false, name: db.$client.name } }) as unknown as Db;

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	seq = lockProduct(ctx.db, world, {
		key: 'tra',
		name: 'Trà xanh Hòa Vang',
		setNo: 3,
		ranks: [0, 1, 0, 1],
		closedAt: ctx.now()
	}).seq;
});

afterAll(async () => {
	await renderer.close();
	ctx.cleanup();
});

describe('documents gathered on the render thread', () => {
	it('reads the file on its own connection and gives the same document as the event loop would', async () => {
		const report = await documentOf(renderer, fileOnly(ctx.db), {
			doc: 'report',
			seq,
			published: false,
			showNames: true
		});
		expect(report?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		// The number the thread issued is in the register every connection reads.
		const issued = registerEntries(ctx.db, `council:${world.councilId}`);
		expect(issued.map((e) => e.subject)).toEqual([`report:${seq}`]);
		const here = await gatherDocument(renderer, ctx.db, {
			doc: 'report',
			seq,
			published: false,
			showNames: true
		});
		expect(flatText(report!)).toBe(flatText(here!));
		expect(flatText(report!)).toContain(`Số: ${issued[0].symbol}`);
		expect(flatText(report!)).toContain('Trà xanh Hòa Vang');

		const minutes = await documentOf(renderer, fileOnly(ctx.db), {
			doc: 'minutes',
			sittingId: world.sittingId
		});
		expect(flatText(minutes!)).toContain('Trà xanh Hòa Vang');
		const sheet = await documentOf(renderer, fileOnly(ctx.db), {
			doc: 'sheet',
			seq,
			member: world.memberIds[1]
		});
		expect(flatText(sheet!)).toContain(world.memberNames[1]);
	});

	it("gives the same bytes again from the thread's cache, not an emptied buffer", async () => {
		const request = { doc: 'sheet', seq, member: world.memberIds[2] } as const;
		const first = await documentOf(renderer, fileOnly(ctx.db), request);
		const again = await documentOf(renderer, fileOnly(ctx.db), request);
		expect(first!.byteLength).toBeGreaterThan(1000);
		expect(again!.equals(first!)).toBe(true);
	});

	it('answers null for what does not exist, and for what the public may not read yet', async () => {
		const db = fileOnly(ctx.db);
		expect(
			await documentOf(renderer, db, { doc: 'report', seq: 999, published: false })
		).toBeNull();
		expect(await documentOf(renderer, db, { doc: 'minutes', sittingId: 'no-such' })).toBeNull();
		expect(
			await documentOf(renderer, db, { doc: 'sheet', seq, member: 'not-a-member' })
		).toBeNull();
		// Locked but not published: the public report does not exist yet.
		expect(await documentOf(renderer, db, { doc: 'report', seq, published: true })).toBeNull();
	});

	it('gathers a database that is not a file where it lives', async () => {
		const memory = openDatabase(':memory:');
		const w = seedWorld(memory, ctx.now(), { prefix: 'm' });
		const s = lockProduct(memory, w, {
			key: 'mat-ong',
			name: 'Mật ong Sơn Trà',
			setNo: 3,
			ranks: [0, 0, 0, 0],
			closedAt: ctx.now()
		}).seq;
		const pdf = await documentOf(renderer, memory, { doc: 'report', seq: s, published: false });
		expect(flatText(pdf!)).toContain('Mật ong Sơn Trà');
		memory.$client.close();
	});
});

describe('a number issued on one connection while another writes', () => {
	it('takes the write lock before it reads the last number, so no commit between makes it fail', () => {
		const other = openDatabase(ctx.file, { migrate: false });
		other.$client.pragma('busy_timeout = 0');
		let refused: unknown = null;
		const theOthers = {
			issuer: 'council:lock-test-2',
			kind: 'BC',
			bodySymbol: 'HĐOCOP',
			year: 2026,
			subject: 'lock-test-2',
			now: ctx.now()
		};
		const issued = issueNumber(ctx.db, {
			issuer: 'council:lock-test',
			kind: 'BC',
			bodySymbol: 'HĐOCOP',
			year: 2026,
			subject: 'lock-test',
			now: ctx.now(),
			// Runs inside the transaction, after the last number was read and before the insert:
			// another connection's write now must wait, not slip in and make the insert fail.
			format: (n) => {
				try {
					issueNumber(other, theOthers);
				} catch (e) {
					refused = e;
				}
				return `${String(n).padStart(2, '0')}/BC-HĐOCOP`;
			}
		});
		expect(issued.symbol).toBe('01/BC-HĐOCOP');
		expect((refused as { code?: string } | null)?.code).toMatch(/^SQLITE_BUSY/);
		// Once the first is in, the other connection issues its own.
		expect(issueNumber(other, theOthers).symbol).toBe('01/BC-HĐOCOP');
		other.$client.close();
	});
});
