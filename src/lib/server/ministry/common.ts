// What both levels share: which outcome a locked result decided, and the package records.

import { and, asc, eq, sql } from 'drizzle-orm';
import { outcomeOf, type Stars } from '../../domain/rating';
import type { LockedRecord } from '../../domain/result-record';
import type { Q } from '../db/client';
import { perConnection } from '../db/per-connection';
import { ministryPackages } from '../db/schema';

/** The outcome the council decided; an overridden close keeps its stars and follows rule 8. */
export function decidedOutcome(record: LockedRecord): string | null {
	const { stars, outcome } = record.result;
	return outcome ?? (record.override && stars ? outcomeOf(record.level, stars as Stars) : null);
}

export function packageRow(
	db: Q,
	direction: 'out' | 'in',
	kind: 'candidate' | 'central-result',
	where: { seq?: number; id?: string; answersId?: string; originHash?: string }
) {
	const conds = [eq(ministryPackages.direction, direction), eq(ministryPackages.kind, kind)];
	if (where.seq !== undefined) conds.push(eq(ministryPackages.seq, where.seq));
	if (where.id !== undefined) conds.push(eq(ministryPackages.id, where.id));
	if (where.answersId !== undefined) conds.push(eq(ministryPackages.answersId, where.answersId));
	if (where.originHash !== undefined) conds.push(eq(ministryPackages.originHash, where.originHash));
	return db
		.select()
		.from(ministryPackages)
		.where(and(...conds))
		.get();
}

/** Built once per connection: every public product page asks. */
const centralAnswerQuery = perConnection((db) =>
	db
		.select({
			outcome: ministryPackages.outcome,
			stars: ministryPackages.stars,
			createdAt: ministryPackages.createdAt
		})
		.from(ministryPackages)
		.where(
			and(
				eq(ministryPackages.direction, 'in'),
				eq(ministryPackages.kind, 'central-result'),
				eq(ministryPackages.seq, sql.placeholder('seq'))
			)
		)
		// The first answer recorded, as the results' lists read it (results/repository.ts).
		.orderBy(asc(ministryPackages.createdAt))
		.prepare()
);

/** The Ministry's answer recorded for a province result, if any (public pages show it). */
export function centralAnswer(db: Q, seq: number) {
	const row = centralAnswerQuery(db).get({ seq });
	return row ? { outcome: row.outcome!, stars: row.stars, at: row.createdAt } : null;
}

export const pad2 = (n: number) => String(n).padStart(2, '0');
export const vnPoints = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('.', ','));
