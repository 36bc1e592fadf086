// A numbered record does not change after the fact: the minutes, score sheets and report name
// the council as it sat when the item was locked. The office removing a member afterwards (the
// council form's service call) must not drop them from the minutes, print their user id for
// their name, or change who is chair; rows locked before the seats were kept fall back to the
// accounts' names, never an id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { councilMembers, lockedResults, users } from '../../src/lib/server/db/schema';
import { removeMember } from '../../src/lib/server/councils/members';
import {
	minutesDocument,
	reportDocument,
	scoreSheetDocument
} from '../../src/lib/server/documents';
import { flatText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

const renderer = testRenderer();
let ctx: TestContext;
let world: World;
let snack: LockedRecord;
const office = () => ({ id: world.officeId, role: 'office' }) as SessionUser;

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [0, 1, 1, 1],
		closedAt: ctx.now()
	});
	// After the item was locked, the office takes a member off the council and the chair's
	// account is renamed: neither may reach the documents already issued.
	removeMember(ctx.db, office(), world.councilId, world.memberIds[2], ctx.now());
	ctx.db.update(users).set({ name: 'Tên Đã Đổi' }).where(eq(users.id, world.memberIds[0])).run();
});

afterAll(async () => {
	ctx.cleanup();
	await renderer.close();
});

describe('after the council changed', () => {
	it('the minutes list, count and name every member as they sat', async () => {
		const t = flatText((await minutesDocument(renderer, ctx.db, world.sittingId))!);
		const removed = world.memberNames[2];
		const total = snack.result.members.find((m) => m.member === world.memberIds[2])!.total;
		// In "I. THÀNH PHẦN THAM DỰ", present, with their role; and beside their total.
		expect(t).toMatch(new RegExp(`${removed} Ủy viên Ủy viên Có mặt`));
		expect(t).toContain(`${removed} ${String(total).replace('.', ',')}`);
		expect(t).toContain('Túc số: 4/4');
		expect(t).toContain(`Chủ trì (chủ tọa): ${world.memberNames[0]}, Chủ tịch Hội đồng.`);
		expect(t).not.toContain('Tên Đã Đổi');
		for (const id of world.memberIds) expect(t).not.toContain(id);
	});

	it("the removed member's score sheet names them, never their id", async () => {
		const t = flatText(
			(await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[2]))!
		);
		expect(t).toContain(`Người đánh giá: ${world.memberNames[2]}, Ủy viên, thành viên Hội đồng.`);
		expect(t).not.toContain(world.memberIds[2]);
	});

	it("the chair's score sheet describes the chair by their council role", async () => {
		const t = flatText(
			(await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[0]))!
		);
		expect(t).toContain(
			`Người đánh giá: ${world.memberNames[0]}, Phó Chủ tịch UBND thành phố, Chủ tịch Hội đồng.`
		);
		expect(t).not.toContain('thành viên Hội đồng.');
	});

	it('the report signs with the chair and lists the members as they sat', async () => {
		const t = flatText(
			(await reportDocument(renderer, ctx.db, snack.seq, { published: false, showNames: true }))!
				.pdf
		);
		expect(t).toContain(world.memberNames[2]);
		expect(t).toContain(world.memberNames[0]);
		expect(t).not.toContain('Tên Đã Đổi');
	});
});

describe('a row locked before the seats were kept', () => {
	it("falls back to the accounts' names: nobody dropped, no id printed", async () => {
		const old = lockProduct(ctx.db, world, {
			key: 'tea',
			name: 'Trà gừng Đại Lộc',
			setNo: 7,
			ranks: [0, 0, 1, 1],
			closedAt: ctx.now() + 60_000
		});
		// As the row was before the column existed: the guard lifted for this test only.
		const sqlite = ctx.db.$client;
		sqlite.exec('DROP TRIGGER locked_results_no_update');
		ctx.db.update(lockedResults).set({ seats: null }).where(eq(lockedResults.seq, old.seq)).run();
		sqlite.exec(`CREATE TRIGGER locked_results_no_update BEFORE UPDATE ON locked_results
			BEGIN SELECT RAISE(ABORT, 'locked results are immutable'); END;`);
		// Another member leaves too; the old row keeps no seat for either.
		removeMember(ctx.db, office(), world.councilId, world.memberIds[3], ctx.now());
		expect(
			ctx.db
				.select()
				.from(councilMembers)
				.where(eq(councilMembers.userId, world.memberIds[3]))
				.all()
		).toEqual([]);
		const sheet = flatText(
			(await scoreSheetDocument(renderer, ctx.db, old.seq, world.memberIds[3]))!
		);
		expect(sheet).toContain(`Người đánh giá: ${world.memberNames[3]}, thành viên Hội đồng.`);
		const minutes = flatText((await minutesDocument(renderer, ctx.db, world.sittingId))!);
		expect(minutes).toContain(world.memberNames[3]);
		for (const id of world.memberIds) expect(minutes).not.toContain(id);
	});
});
