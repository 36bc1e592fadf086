// Rule 1's figures for one item, from the seats of the council and who is in the room (or, in a
// written round, who returned a card).
import { describe, expect, it } from 'vitest';
import type { CouncilSeat, ItemContext } from '../../src/lib/server/scoring/item-context';
import { attendanceFigures, writtenAttendance } from '../../src/lib/server/scoring/item-rating';

function ctxOf(seats: Partial<CouncilSeat>[]): ItemContext {
	const full = seats.map((s, i) => ({
		userId: `u${i}`,
		name: `U${i}`,
		role: 'member',
		voting: true,
		recused: false,
		...s
	})) as CouncilSeat[];
	return { seats: full } as ItemContext;
}

describe('attendanceFigures', () => {
	it('counts a recused member among the members but never as present for the item', () => {
		// RULES.md: recused = "excluded from the room for that item"; members = voting members.
		const ctx = ctxOf([{ role: 'chair' }, {}, {}, { recused: true }, { voting: false }]);
		const figures = attendanceFigures(ctx, { presentIds: ['u0', 'u1', 'u2', 'u3', 'u4'] });
		expect(figures).toEqual({
			members: 4,
			present: 3,
			chairPresent: true,
			presentIds: ['u0', 'u1', 'u2']
		});
	});
});

describe('writtenAttendance', () => {
	it('counts a chair who does not score as present, so the round can be quorate', () => {
		const ctx = ctxOf([{ role: 'chair', voting: false }, {}, {}, {}]);
		const submitted = ['u1', 'u2', 'u3'];
		const figures = attendanceFigures(ctx, writtenAttendance(ctx, submitted));
		expect(figures).toMatchObject({ members: 3, present: 3, chairPresent: true });
	});

	it('a chair who scores is present only by returning a card', () => {
		const ctx = ctxOf([{ role: 'chair' }, {}, {}, {}]);
		expect(attendanceFigures(ctx, writtenAttendance(ctx, ['u1', 'u2', 'u3']))).toMatchObject({
			present: 3,
			chairPresent: false
		});
		expect(attendanceFigures(ctx, writtenAttendance(ctx, ['u0', 'u1', 'u2']))).toMatchObject({
			present: 3,
			chairPresent: true
		});
	});

	it('a recused chair has no card to return and does not block the round', () => {
		const ctx = ctxOf([{ role: 'chair', recused: true }, {}, {}, {}]);
		expect(attendanceFigures(ctx, writtenAttendance(ctx, ['u1', 'u2', 'u3']))).toMatchObject({
			members: 4,
			present: 3,
			chairPresent: true
		});
	});
});
