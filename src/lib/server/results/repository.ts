// Reading locked results for the public pages, the office and the documents. Public readers go
// through `published: true`, which joins result_publications: nothing unpublished can leak.

import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { LockedRecord } from '../../domain/result-record';
import type { Q } from '../db/client';
import {
	agendaItems,
	councils,
	decisionItems,
	dossiers,
	lockedResults,
	organizations,
	products,
	recognitionDecisions,
	resultPublications,
	rounds,
	sittings,
	users
} from '../db/schema';
import { audit } from '../audit';

export interface ResultFilters {
	q?: string;
	year?: number;
	round?: number;
	roundId?: string;
	level?: 'province' | 'central';
	setNo?: number;
	stars?: number;
	sittingId?: string;
}

const columns = {
	seq: lockedResults.seq,
	stars: lockedResults.stars,
	averageHundredths: lockedResults.averageHundredths,
	closedAt: lockedResults.closedAt,
	productName: products.name,
	productId: products.id,
	organization: organizations.name,
	productSetNo: products.productSetNo,
	level: councils.level,
	councilId: councils.id,
	councilName: councils.name,
	authority: councils.authority,
	place: councils.place,
	publishMemberNames: councils.publishMemberNames,
	year: rounds.year,
	roundNo: rounds.number,
	roundId: rounds.id,
	roundName: rounds.name,
	sittingId: sittings.id,
	sittingTitle: sittings.title,
	publishedAt: resultPublications.publishedAt,
	decisionNumber: recognitionDecisions.number,
	decidedOn: recognitionDecisions.decidedOn,
	outcome: decisionItems.outcome,
	certificateNo: decisionItems.certificateNo,
	expiresOn: decisionItems.expiresOn
};

/** The joins every result read shares: item → sitting → round/council, dossier → product. */
function baseQuery(db: Q) {
	return db
		.select(columns)
		.from(lockedResults)
		.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
		.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
		.innerJoin(rounds, eq(rounds.id, sittings.roundId))
		.innerJoin(councils, eq(councils.id, sittings.councilId))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.leftJoin(resultPublications, eq(resultPublications.seq, lockedResults.seq))
		.leftJoin(decisionItems, eq(decisionItems.seq, lockedResults.seq))
		.leftJoin(recognitionDecisions, eq(recognitionDecisions.id, decisionItems.decisionId));
}

export type ResultRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['all']>>[number];

function conditions(f: ResultFilters, published: boolean): SQL | undefined {
	const where: (SQL | undefined)[] = [
		published ? isNotNull(resultPublications.seq) : undefined,
		f.year ? eq(rounds.year, f.year) : undefined,
		f.round ? eq(rounds.number, f.round) : undefined,
		f.roundId ? eq(rounds.id, f.roundId) : undefined,
		f.level ? eq(councils.level, f.level) : undefined,
		f.setNo ? eq(products.productSetNo, f.setNo) : undefined,
		f.stars ? eq(lockedResults.stars, f.stars) : undefined,
		f.sittingId ? eq(sittings.id, f.sittingId) : undefined,
		f.q
			? sql`(lower(${products.name}) like ${`%${f.q.toLowerCase()}%`} or lower(${organizations.name}) like ${`%${f.q.toLowerCase()}%`})`
			: undefined
	];
	return and(...where.filter(Boolean));
}

/** One page of results, newest round first then chain order. */
export function listResults(
	db: Q,
	f: ResultFilters,
	opts: { published: boolean; limit: number; offset: number }
): { rows: ResultRow[]; total: number } {
	const where = conditions(f, opts.published);
	const rows = baseQuery(db)
		.where(where)
		.orderBy(sql`${rounds.year} desc`, sql`${rounds.number} desc`, asc(lockedResults.seq))
		.limit(opts.limit)
		.offset(opts.offset)
		.all();
	const total = db.select({ n: count() }).from(baseQuery(db).where(where).as('r')).get()?.n ?? 0;
	return { rows, total };
}

/** Years and rounds that have results, for the filter pickers. */
export function resultYears(db: Q, published: boolean): number[] {
	const rows = baseQuery(db).where(conditions({}, published)).all();
	return [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
}

export function getResult(
	db: Q,
	seq: number,
	opts: { published: boolean }
): { row: ResultRow; record: LockedRecord } | null {
	const where = and(eq(lockedResults.seq, seq), conditions({}, opts.published));
	const row = baseQuery(db).where(where).get();
	if (!row) return null;
	const rec = db
		.select({ record: lockedResults.record })
		.from(lockedResults)
		.where(eq(lockedResults.seq, seq))
		.get();
	return rec ? { row, record: rec.record } : null;
}

/** Records in chain order, e.g. a whole sitting's for its minutes. */
export function recordsOf(db: Q, seqs: number[]): LockedRecord[] {
	if (seqs.length === 0) return [];
	return db
		.select({ record: lockedResults.record })
		.from(lockedResults)
		.where(inArray(lockedResults.seq, seqs))
		.orderBy(asc(lockedResults.seq))
		.all()
		.map((r) => r.record);
}

/** User names by id (for member names on cards and documents). */
export function userNames(db: Q, ids: string[]): Map<string, string> {
	if (ids.length === 0) return new Map();
	const rows = db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, ids))
		.all();
	return new Map(rows.map((r) => [r.id, r.name]));
}

export class PublishError extends Error {
	constructor(readonly key: string) {
		super(key);
	}
}

/** Makes a locked result public; publishing twice is refused, not repeated. */
export function publishResult(db: Q, seq: number, by: string, now: number): void {
	const exists = db
		.select({ seq: lockedResults.seq })
		.from(lockedResults)
		.where(eq(lockedResults.seq, seq))
		.get();
	if (!exists) throw new PublishError('results.notFound');
	const already = db
		.select({ seq: resultPublications.seq })
		.from(resultPublications)
		.where(eq(resultPublications.seq, seq))
		.get();
	if (already) throw new PublishError('results.alreadyPublished');
	db.insert(resultPublications).values({ seq, publishedAt: now, publishedBy: by }).run();
	audit(db, { actorId: by, action: 'result.publish', subject: `result:${seq}`, detail: {} }, now);
}

/** Rounds and sittings that hold locked results, for the office's pickers and document links. */
export function lockedSittings(db: Q) {
	const rows = baseQuery(db).where(undefined).all();
	const rounds = new Map<string, { id: string; name: string; year: number; number: number }>();
	const sittings = new Map<string, { id: string; title: string; roundId: string }>();
	for (const r of rows) {
		rounds.set(r.roundId, { id: r.roundId, name: r.roundName, year: r.year, number: r.roundNo });
		sittings.set(r.sittingId, { id: r.sittingId, title: r.sittingTitle, roundId: r.roundId });
	}
	return { rounds: [...rounds.values()], sittings: [...sittings.values()] };
}
