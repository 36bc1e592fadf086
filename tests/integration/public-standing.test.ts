import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionItems } from '../../src/lib/server/db/schema';
import { vnDate } from '../../src/lib/server/results/figures';
import { listResults } from '../../src/lib/server/results/repository';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

// The demo's published result: Snack chuối Bana, 4★ from the province council, recognised by
// decision 2871/QĐ-UBND.
let ctx: TestContext;
beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterAll(() => ctx.cleanup());

const names = (stars: number, published: boolean) =>
	listResults(
		ctx.db,
		{ stars },
		{ published, limit: 50, offset: 0, today: vnDate(ctx.now()) }
	).rows.map((r) => r.productName);

describe('the public star filter is the recognised level', () => {
	it('lists a result under its stars only once a decision recognises it', () => {
		expect(names(4, true)).toEqual(['Snack chuối Bana']);
		const [item] = ctx.db.select().from(decisionItems).all();
		ctx.db.delete(decisionItems).where(eq(decisionItems.seq, item.seq)).run();
		try {
			expect(names(4, true)).toEqual([]);
			// The office still filters by the council's result.
			expect(names(4, false)).toEqual(['Snack chuối Bana']);
		} finally {
			ctx.db.insert(decisionItems).values(item).run();
		}
		expect(names(4, true)).toEqual(['Snack chuối Bana']);
	});
});
