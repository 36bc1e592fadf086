// The sitting the crash test scores through: the scoring fixture's council (chair not voting, so
// the three members' cards decide every close) with a long agenda, seeded into the app's SQLite
// file before the built server first starts on it.
import { openDatabase } from '../../src/lib/server/db/client';
import { agendaItems, dossiers, products } from '../../src/lib/server/db/schema';
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
				tx.insert(products)
					.values({
						id: `p${n}`,
						organizationId: 'o1',
						name: `Sản phẩm ${n}`,
						rubricVersion: 'qd26-2026',
						productSetNo: SET_NO,
						createdAt: now
					})
					.run();
				tx.insert(dossiers)
					.values({
						id: `d${n}`,
						productId: `p${n}`,
						registrationKind: 'first',
						state: 'scheduled',
						createdAt: now,
						updatedAt: now
					})
					.run();
				tx.insert(agendaItems)
					.values({ id: `i${n}`, sittingId: f.sittingId, position: n, dossierId: `d${n}` })
					.run();
				items.push(`i${n}`);
			}
		});
		return { ...f, items };
	} finally {
		db.$client.close();
	}
}
