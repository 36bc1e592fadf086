// The office creates a sitting: a day already past (a year typed wrong) is refused with the day
// named, and nothing is written; today and later days are taken.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createSitting } from '../../src/lib/server/councils/sittings';
import { sittings } from '../../src/lib/server/db/schema';
import { Refusal } from '../../src/lib/server/refusal';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let office: SessionUser;
beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
	const u = findUserByEmail(ctx.db, 'vanphong@ocop.demo')!;
	office = {
		id: u.id,
		email: u.email,
		name: u.name,
		role: u.role,
		organizationId: u.organizationId,
		communeCode: u.communeCode
	};
});
afterAll(() => ctx.cleanup());

const create = (startsAt: number, title: string) =>
	createSitting(
		ctx.db,
		office,
		DEMO_COUNCIL_ID,
		{ roundId: 'demo-round-2026-2', title, startsAt },
		ctx.now()
	);
const titled = (title: string) =>
	ctx.db.select().from(sittings).where(eq(sittings.title, title)).all();

describe('creating a sitting', () => {
	it('refuses a day already past, naming it', () => {
		// The test clock is 29/11/2026 08:00 in Việt Nam; "2025" for "2026" is the usual slip.
		const past = Date.UTC(2025, 11, 7, 1, 30);
		let refusal: unknown;
		try {
			create(past, 'Phiên năm cũ');
		} catch (e) {
			refusal = e;
		}
		expect(refusal).toBeInstanceOf(Refusal);
		const r = refusal as Refusal;
		expect(translator('vi')(r.key, r.params)).toBe(
			'Ngày họp 07/12/2025 đã qua: hãy chọn hôm nay hoặc một ngày sau.'
		);
		expect(titled('Phiên năm cũ')).toEqual([]);
	});

	it('takes today (an hour ago) and later days', () => {
		create(ctx.now() - 3_600_000, 'Phiên hôm nay');
		create(ctx.now() + 86_400_000, 'Phiên ngày mai');
		expect(titled('Phiên hôm nay')).toHaveLength(1);
		expect(titled('Phiên ngày mai')).toHaveLength(1);
	});
});
