// Councils themselves: listed, read, created and edited by the office.
import { randomUUID } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import type { CouncilLevel } from '../../domain/meeting';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { councils } from '../db/schema';
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

export function updateCouncil(
	db: Db,
	user: SessionUser,
	id: string,
	input: CouncilInput,
	now: number
) {
	getCouncil(db, id);
	db.transaction((tx) => {
		tx.update(councils).set(input).where(eq(councils.id, id)).run();
		audit(tx, { actorId: user.id, action: 'council.update', subject: id, detail: input }, now);
	});
}
