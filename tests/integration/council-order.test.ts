// The server sends the sitting's lists of people in the order the pages draw them (the chair,
// then by council role, then by name as Vietnamese sorts it): the pages no longer sort, so a
// list in the database's row order would reach the screen as it is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byCouncilRole } from '../../src/lib/domain/council-order';
import { councilMembers, users } from '../../src/lib/server/db/schema';
import { attendanceList } from '../../src/lib/server/meeting/attendance';
import { buildBoard } from '../../src/lib/server/scoring/board';
import { loadItemContext } from '../../src/lib/server/scoring/item-context';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { makeTestContext, type TestContext } from '../helpers/context';

const SITTING = 'demo-sitting-1';
const ITEM = 'demo-item-1';
const COUNCIL = DEMO_COUNCIL_ID;

let ctx: TestContext;
beforeEach(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
	// Seated last, so the rows come in an order the pages must not show: a member whose name
	// sorts first in Vietnamese (Á after A, before B), and a vice-chair after the members.
	const seat = (id: string, name: string, role: 'member' | 'vice-chair') => {
		ctx.db
			.insert(users)
			.values({ id, email: `${id}@ocop.test`, name, role: 'member' })
			.run();
		ctx.db.insert(councilMembers).values({ councilId: COUNCIL, userId: id, role }).run();
	};
	seat('late-member', 'Ánh Đặng', 'member');
	seat('late-vice', 'Zương Vĩnh', 'vice-chair');
});
afterEach(() => ctx.cleanup());

describe('council order from the server', () => {
	it('gives the attendance with the chair first, then by role and Vietnamese name', () => {
		const list = attendanceList(ctx.db, SITTING);
		expect(list.length).toBeGreaterThan(4);
		expect(list.map((p) => p.userId)).toEqual(byCouncilRole(list).map((p) => p.userId));
		expect(list[0].role).toBe('chair');
		const members = list.filter((p) => p.role === 'member').map((p) => p.name);
		expect(members[0]).toBe('Ánh Đặng');
		const roles = list.map((p) => p.role);
		expect(roles.indexOf('vice-chair')).toBeLessThan(roles.indexOf('member'));
	});

	it('gives the board its scorers in the same order', () => {
		const item = loadItemContext(ctx.db, ITEM)!;
		const board = buildBoard(item, [], {
			attendance: { presentIds: [] },
			connected: new Set(),
			liveAnswered: () => null
		});
		const ids = board.members.map((m) => m.userId);
		expect(ids).toContain('late-member');
		expect(ids).toEqual(byCouncilRole(board.members).map((m) => m.userId));
		expect(board.members[0].role).toBe('chair');
	});

	it('sorts names as Vietnamese does, not by code point', () => {
		const people = ['Bình', 'Ánh', 'Đức', 'Dũng', 'An'].map((name, i) => ({
			name,
			role: 'member',
			userId: `u${i}`
		}));
		expect(byCouncilRole(people).map((p) => p.name)).toEqual(['An', 'Ánh', 'Bình', 'Dũng', 'Đức']);
	});
});
