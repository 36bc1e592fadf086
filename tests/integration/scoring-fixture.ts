// Shared by the scoring and Yjs integration tests (not a test file itself): a council with a
// chair, a secretary, three scoring members, a recused member and an outsider, one product on
// the agenda of an open sitting, and a session cookie for each.
import { eq } from 'drizzle-orm';
import { listLeaves, optionCount } from '../../src/lib/domain/rubric';
import { getRubric } from '../../src/lib/domain/rubrics';
import type { ItemState } from '../../src/lib/domain/meeting';
import {
	SESSION_COOKIE,
	createSession,
	type SessionPolicy
} from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { insertAgendaProduct } from '../helpers/agenda-product';
import {
	agendaItems,
	conflicts,
	councilMembers,
	councils,
	organizations,
	rounds,
	sittings,
	users
} from '../../src/lib/server/db/schema';

export const PEOPLE = ['chair', 'secretary', 'm1', 'm2', 'm3', 'recused', 'outsider'] as const;
export type Person = (typeof PEOPLE)[number];

export interface ScoringFixture {
	itemId: string;
	sittingId: string;
	ids: Record<Person, string>;
	cookies: Record<Person, string>;
}

export const SET_NO = 7;
export const rubric = () => getRubric('qd26-2026', SET_NO);

export function seedScoringFixture(
	db: Db,
	policy: SessionPolicy,
	now: number,
	state: ItemState = 'scoring',
	opts: { chairVoting?: boolean } = {}
): ScoringFixture {
	const ids = Object.fromEntries(PEOPLE.map((p) => [p, `u-${p}`])) as Record<Person, string>;
	db.transaction((tx) => {
		for (const p of PEOPLE)
			tx.insert(users)
				.values({
					id: ids[p],
					email: `${p}@t.vn`,
					name: `Người ${p}`,
					role: p === 'secretary' ? 'office' : 'member',
					createdAt: now
				})
				.run();
		tx.insert(councils)
			.values({
				id: 'c1',
				level: 'province',
				name: 'Hội đồng thử',
				authority: 'UBND',
				place: 'Đà Nẵng',
				quorumNum: 1,
				quorumDen: 2,
				createdAt: now
			})
			.run();
		const seats: [Person, 'chair' | 'member' | 'secretary', boolean][] = [
			['chair', 'chair', opts.chairVoting ?? true],
			['secretary', 'secretary', false],
			['m1', 'member', true],
			['m2', 'member', true],
			['m3', 'member', true],
			['recused', 'member', true]
		];
		for (const [p, role, voting] of seats)
			tx.insert(councilMembers).values({ councilId: 'c1', userId: ids[p], role, voting }).run();
		tx.insert(rounds)
			.values({
				id: 'r1',
				councilId: 'c1',
				year: 2026,
				number: 2,
				name: 'Đợt 2',
				cutoffDate: '2026-12-20',
				createdAt: now
			})
			.run();
		tx.insert(sittings)
			.values({
				id: 's1',
				councilId: 'c1',
				roundId: 'r1',
				title: 'Phiên họp',
				startsAt: now,
				state: 'open',
				openedAt: now,
				createdAt: now
			})
			.run();
		tx.insert(organizations)
			.values({ id: 'o1', name: 'HTX Đất Quảng', kind: 'cooperative', createdAt: now })
			.run();
		insertAgendaProduct(tx, {
			n: 1,
			sittingId: 's1',
			position: 1,
			name: 'Snack chuối Bana',
			productSetNo: SET_NO,
			state,
			now
		});
		tx.insert(conflicts)
			.values({
				itemId: 'i1',
				userId: ids.recused,
				reason: 'Người thân',
				declaredBy: ids.chair,
				at: now
			})
			.run();
	});
	const cookies = Object.fromEntries(
		PEOPLE.map((p) => [p, `${SESSION_COOKIE}=${createSession(db, ids[p], policy, now).token}`])
	) as Record<Person, string>;
	return { itemId: 'i1', sittingId: 's1', ids, cookies };
}

export function setItemState(db: Db, itemId: string, state: ItemState): void {
	db.update(agendaItems).set({ state }).where(eq(agendaItems.id, itemId)).run();
}

/**
 * A complete card: every leaf gets its best option, except the first `weaken` leaves (in form
 * order), which get their lowest option — a way to dial the total down for spread tests.
 */
export function card(weaken = 0): Record<string, number> {
	const choices: Record<string, number> = {};
	for (const [i, { leaf }] of listLeaves(rubric()).entries()) {
		const n = optionCount(leaf);
		const order = [...Array(n).keys()];
		const points = (k: number) =>
			leaf.options.length === 0 ? (k === 1 ? leaf.max : 0) : leaf.options[k].points;
		order.sort((a, b) => points(b) - points(a));
		choices[leaf.code] = i < weaken ? order[n - 1] : order[0];
	}
	return choices;
}
