// A council's evaluation rounds (đợt), numbered within the year.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, max } from 'drizzle-orm';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { rounds } from '../db/schema';
import { getCouncil } from './council';
import { cutoffWithinDeadline, roundDeadline } from '../../domain/round-deadline';
import { refuse } from '../refusal';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

export function listRounds(db: Q, councilId: string) {
	return db
		.select()
		.from(rounds)
		.where(eq(rounds.councilId, councilId))
		.orderBy(desc(rounds.year), desc(rounds.number))
		.all();
}

export function createRound(
	db: Db,
	user: SessionUser,
	councilId: string,
	input: { year: number; number: number; name: string; cutoffDate: string },
	now: number
) {
	getCouncil(db, councilId);
	// Procedure 4: round 1 closes by 30/6, round 2 (and any later one) by 30/12 of its year.
	if (!cutoffWithinDeadline(input.year, input.number, input.cutoffDate)) {
		const { from, to } = roundDeadline(input.year, input.number);
		refuse('bad-request', 'council.errors.roundCutoff', {
			number: input.number,
			year: input.year,
			from: dmy(from),
			to: dmy(to),
			cutoff: dmy(input.cutoffDate)
		});
	}
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(rounds)
			.values({ id, councilId, ...input, createdAt: now })
			.run();
		audit(
			tx,
			{ actorId: user.id, action: 'round.create', subject: id, detail: { councilId, ...input } },
			now
		);
	});
	return id;
}

export function nextRoundNumber(db: Q, councilId: string, year: number) {
	const row = db
		.select({ n: max(rounds.number) })
		.from(rounds)
		.where(and(eq(rounds.councilId, councilId), eq(rounds.year, year)))
		.get();
	return (row?.n ?? 0) + 1;
}
