// A council's operating rules (level, quorum, maximum spread, blind scoring) hold still while it
// sits: members would otherwise score under one quorum and the item close under another. Its
// names may change at any time; once the sitting has ended the rules may change again.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	getCouncil,
	updateCouncil,
	type CouncilInput
} from '../../src/lib/server/councils/council';
import { agendaItems, sittings } from '../../src/lib/server/db/schema';
import { makeTestContext, type TestContext } from '../helpers/context';
import { refusalOf } from '../helpers/refusal-of';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';

let ctx: TestContext;
let f: ScoringFixture;
const office = { id: 'u-secretary', role: 'office' } as SessionUser;

const inputOf = (over: Partial<CouncilInput>): CouncilInput => {
	const c = getCouncil(ctx.db, 'c1');
	return {
		level: c.level,
		name: c.name,
		authority: c.authority,
		place: c.place,
		quorumNum: c.quorumNum,
		quorumDen: c.quorumDen,
		maxSpreadHundredths: c.maxSpreadHundredths,
		blindScoring: c.blindScoring,
		...over
	};
};

beforeAll(() => {
	ctx = makeTestContext();
	f = seedScoringFixture(ctx.db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, ctx.now());
});
afterAll(() => ctx.cleanup());

describe('the council’s operating rules during a sitting', () => {
	it('are refused while an item is scored, and nothing changes', () => {
		const before = getCouncil(ctx.db, 'c1');
		for (const over of [
			{ quorumNum: before.quorumNum === 4 ? 3 : 4, quorumDen: 5 },
			{ maxSpreadHundredths: before.maxSpreadHundredths + 500 },
			{ blindScoring: !before.blindScoring },
			{ level: before.level === 'province' ? ('central' as const) : ('province' as const) }
		]) {
			const r = refusalOf(() => updateCouncil(ctx.db, office, 'c1', inputOf(over), ctx.now()));
			expect(r.key).toBe('council.errors.rulesWhileSitting');
		}
		expect(getCouncil(ctx.db, 'c1')).toEqual(before);
	});

	it('leave its names free to change', () => {
		updateCouncil(ctx.db, office, 'c1', inputOf({ name: 'Hội đồng OCOP (đổi tên)' }), ctx.now());
		expect(getCouncil(ctx.db, 'c1').name).toBe('Hội đồng OCOP (đổi tên)');
	});

	it('may change again once the sitting has ended', () => {
		ctx.db.update(agendaItems).set({ state: 'closed' }).where(eq(agendaItems.id, f.itemId)).run();
		ctx.db.update(sittings).set({ state: 'adjourned' }).where(eq(sittings.id, f.sittingId)).run();
		updateCouncil(ctx.db, office, 'c1', inputOf({ quorumNum: 2, quorumDen: 3 }), ctx.now());
		expect(getCouncil(ctx.db, 'c1')).toMatchObject({ quorumNum: 2, quorumDen: 3 });
	});
});
