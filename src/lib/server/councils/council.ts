// Councils themselves: listed, read, created and edited by the office.
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { CouncilLevel } from '../../domain/meeting';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { agendaItems, councils, sittings } from '../db/schema';
import type { Paging } from '../paging';
import { textMatches } from '../db/search';
import { refuse } from '../refusal';

export interface CouncilInput {
	level: CouncilLevel;
	name: string;
	authority: string;
	place: string;
	quorumNum: number;
	quorumDen: number;
	maxSpreadHundredths: number;
	blindScoring: boolean;
}

export function listCouncils(db: Q, paging: Paging) {
	const where = paging.q ? textMatches(paging.q, councils.name) : undefined;
	const rows = db
		.select()
		.from(councils)
		.where(where)
		.orderBy(desc(councils.createdAt))
		.limit(paging.limit)
		.offset(paging.offset)
		.all();
	const total = db.select({ n: count() }).from(councils).where(where).get()!.n;
	return { rows, total };
}

export function getCouncil(db: Q, id: string) {
	const council = db.select().from(councils).where(eq(councils.id, id)).get();
	if (!council) refuse('not-found', 'council.errors.notFound');
	return council;
}

export function createCouncil(db: Db, user: SessionUser, input: CouncilInput, now: number) {
	const id = randomUUID();
	db.transaction((tx) => {
		tx.insert(councils)
			.values({ id, ...input, createdAt: now })
			.run();
		audit(tx, { actorId: user.id, action: 'council.create', subject: id, detail: input }, now);
	});
	return id;
}

/**
 * The operating rules (quy chế hoạt động) a rating is made under: RULES.md rule 1 and 4 take
 * quorum and maximum spread from them, and the level decides the outcome.
 */
const OPERATING_RULES = [
	'level',
	'quorumNum',
	'quorumDen',
	'maxSpreadHundredths',
	'blindScoring'
] as const satisfies readonly (keyof CouncilInput)[];

/** A sitting of the council is under way, or an item of it is being presented, asked or scored. */
function sitsNow(db: Q, councilId: string): boolean {
	return !!db
		.select({ id: sittings.id })
		.from(sittings)
		.leftJoin(agendaItems, eq(agendaItems.sittingId, sittings.id))
		.where(
			and(
				eq(sittings.councilId, councilId),
				or(
					eq(sittings.state, 'open'),
					inArray(agendaItems.state, ['presenting', 'questions', 'scoring'])
				)
			)
		)
		.limit(1)
		.get();
}

/**
 * Edits a council. Its operating rules do not change while it sits: members would score under
 * one quorum or spread and the item close under another, and the sitting's own page, the board
 * and the minutes would each show a different rule. Names may change at any time.
 */
export function updateCouncil(
	db: Db,
	user: SessionUser,
	id: string,
	input: CouncilInput,
	now: number
) {
	db.transaction((tx) => {
		const current = getCouncil(tx, id);
		if (OPERATING_RULES.some((k) => current[k] !== input[k]) && sitsNow(tx, id))
			refuse('conflict', 'council.errors.rulesWhileSitting');
		tx.update(councils).set(input).where(eq(councils.id, id)).run();
		audit(tx, { actorId: user.id, action: 'council.update', subject: id, detail: input }, now);
	});
}
