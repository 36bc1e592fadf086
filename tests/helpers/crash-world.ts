// The sitting the crash test scores through: the scoring fixture's council (chair not voting, so
// the three members' cards decide every close) with a long agenda, seeded into the app's SQLite
// file before the built server first starts on it.
import { openDatabase } from '../../src/lib/server/db/client';
import { insertAgendaProduct } from './agenda-product';
import { SET_NO, seedScoringFixture, type ScoringFixture } from '../integration/scoring-fixture';

export const SCORERS = ['m1', 'm2', 'm3'] as const;
export type Scorer = (typeof SCORERS)[number];

export interface CrashWorld extends ScoringFixture {
	/** Agenda order. */
	items: string[];
}

export function seedCrashWorld(dbFile: string, itemCount: number): CrashWorld {
	const db = openDatabase(dbFile);
	try {
		const now = Date.now();
		const f = seedScoringFixture(
			db,
			{ idleMs: 3_600_000, absoluteMs: 86_400_000 },
			now,
			'pending',
			{
				chairVoting: false
			}
		);
		const items = [f.itemId];
		db.transaction((tx) => {
			for (let n = 2; n <= itemCount; n++) {
				items.push(
					insertAgendaProduct(tx, {
						n,
						sittingId: f.sittingId,
						position: n,
						name: `Sản phẩm ${n}`,
						productSetNo: SET_NO,
						now
					})
				);
			}
		});
		return { ...f, items };
	} finally {
		db.$client.close();
	}
}
