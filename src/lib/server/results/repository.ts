// Reading locked results for the public pages, the office and the documents. Public readers go
// through `published: true`, which joins result_publications: nothing unpublished can leak.
// Every figure and name of a row comes from the hashed record, never from a live table or an
// index column: a renamed organisation or an edited column cannot appear next to the hash.

import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import type { LockedContext, LockedRecord } from '../../domain/result-record';
import type { Q } from '../db/client';
import { perConnection } from '../db/per-connection';
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
import { afterCouncil, rowStanding } from './standing-facts';
import { textMatches } from '../db/search';

export interface ResultFilters {
	q?: string;
	year?: number;
	round?: number;
	roundId?: string;
	level?: 'province' | 'central';
	setNo?: number;
	stars?: number;
	sittingId?: string;
	/** Results of these dossiers only (the ministry's candidates). */
	dossierIds?: string[];
	/** Results a council may have forwarded: concluded so, or overridden to a star rank. */
	forwardable?: boolean;
}

/** A field of the hashed record, for columns, filters and ordering. */
const inRecord = (path: string) => sql`json_extract(${lockedResults.record}, ${path})`;

// Only the fields a row shows are pulled out of the record in SQL: a list of thousands of results
// (the charts read them all) must not parse every record's cards.
const columns = {
	locked: {
		stars: sql<number | null>`${inRecord('$.result.stars')}`,
		average: sql<number | null>`${inRecord('$.result.average')}`,
		closedAt: sql<number>`${inRecord('$.closedAt')}`,
		productName: sql<string>`${inRecord('$.productName')}`,
		productSetNo: sql<number>`${inRecord('$.productSetNo')}`,
		level: sql<'province' | 'central'>`${inRecord('$.level')}`,
		sittingId: sql<string>`${inRecord('$.sittingId')}`,
		councilId: sql<string>`${inRecord('$.councilId')}`,
		/** JSON text of LockedContext, or null for records locked before it was hashed in. */
		context: sql<string | null>`${inRecord('$.context')}`
	},
	seq: lockedResults.seq,
	/** The council's conclusion as locked, or null when the item was blocked (then `blocked`). */
	resultOutcome: sql<string | null>`${inRecord('$.result.outcome')}`,
	blocked: sql<string | null>`${inRecord('$.result.blocked')}`,
	/** Where the product comes from, for statistics: the dossier's commune, else the producer's. */
	commune: sql<string | null>`coalesce(${dossiers.commune}, ${organizations.commune})`,
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
	/** The level the decision recognised (a returned 5★ candidate is recognised at 3★ or 4★). */
	decisionStars: decisionItems.stars,
	certificateNo: decisionItems.certificateNo,
	expiresOn: decisionItems.expiresOn,
	...afterCouncil
};

/** The same facts read without the rest of a row, for the filter and the charts. */
const standingFacts = {
	level: columns.locked.level,
	stars: columns.locked.stars,
	outcome: decisionItems.outcome,
	decisionStars: decisionItems.stars,
	expiresOn: decisionItems.expiresOn,
	...afterCouncil
};

/** The joins every result read shares: item → sitting → round/council, dossier → product. */
function joined<T extends SQLiteSelect>(query: T) {
	return (
		query
			.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
			.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
			.innerJoin(rounds, eq(rounds.id, sittings.roundId))
			.innerJoin(councils, eq(councils.id, sittings.councilId))
			.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
			.innerJoin(products, eq(products.id, dossiers.productId))
			.innerJoin(organizations, eq(organizations.id, products.organizationId))
			.leftJoin(resultPublications, eq(resultPublications.seq, lockedResults.seq))
			// A returned 5★ candidate has a forwarding and a recognition item: the recognition speaks.
			.leftJoin(
				decisionItems,
				and(
					eq(decisionItems.seq, lockedResults.seq),
					sql`${decisionItems.outcome} = coalesce((select 'recognized' from decision_items d where d.seq = ${lockedResults.seq} and d.outcome = 'recognized'), 'forwarded-central')`
				)
			)
			.leftJoin(recognitionDecisions, eq(recognitionDecisions.id, decisionItems.decisionId))
	);
}

const baseQuery = (db: Q) => joined(db.select(columns).from(lockedResults).$dynamic());

type StoredRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['all']>>[number];
export type ResultRow = Omit<StoredRow, 'locked'>;

/** The row as locked: what the record holds replaces the live columns of the same meaning. */
function asLocked({ locked, ...row }: StoredRow): ResultRow {
	const c = locked.context === null ? undefined : (JSON.parse(locked.context) as LockedContext);
	return {
		...row,
		stars: locked.stars,
		averageHundredths: locked.average === null ? null : Math.round(locked.average * 100),
		closedAt: locked.closedAt,
		productName: locked.productName,
		productSetNo: locked.productSetNo,
		level: locked.level,
		sittingId: locked.sittingId,
		councilId: locked.councilId,
		// Records locked before the names were hashed in have only the live names to show.
		organization: c?.organizationName ?? row.organization,
		councilName: c?.councilName ?? row.councilName,
		authority: c?.authority ?? row.authority,
		place: c?.place ?? row.place,
		roundId: c?.roundId ?? row.roundId,
		roundName: c?.roundName ?? row.roundName,
		year: c?.year ?? row.year,
		roundNo: c?.roundNo ?? row.roundNo,
		sittingTitle: c?.sittingTitle ?? row.sittingTitle
	};
}

const lockedYear = sql`coalesce(${inRecord('$.context.year')}, ${rounds.year})`;
const lockedRoundNo = sql`coalesce(${inRecord('$.context.roundNo')}, ${rounds.number})`;

function conditions(f: ResultFilters, published: boolean): SQL | undefined {
	const where: (SQL | undefined)[] = [
		published ? isNotNull(resultPublications.seq) : undefined,
		f.year ? sql`${lockedYear} = ${f.year}` : undefined,
		f.round ? sql`${lockedRoundNo} = ${f.round}` : undefined,
		f.roundId
			? sql`coalesce(${inRecord('$.context.roundId')}, ${rounds.id}) = ${f.roundId}`
			: undefined,
		f.level ? sql`${inRecord('$.level')} = ${f.level}` : undefined,
		f.setNo ? sql`${inRecord('$.productSetNo')} = ${f.setNo}` : undefined,
		// The public filters by the level recognised and in force today (rowStanding, which the
		// caller applies to what this keeps: recognised by a decision or by the Ministry); the
		// office by the council's result.
		f.stars
			? published
				? sql`(${decisionItems.outcome} = 'recognized' or ${afterCouncil.centralOutcome} = 'recognized')`
				: sql`${inRecord('$.result.stars')} = ${f.stars}`
			: undefined,
		f.sittingId ? sql`${inRecord('$.sittingId')} = ${f.sittingId}` : undefined,
		f.dossierIds ? inArray(sql`${inRecord('$.dossierId')}`, f.dossierIds) : undefined,
		f.forwardable
			? sql`(${inRecord('$.result.outcome')} = 'forwarded-central' or (${inRecord('$.override')} is not null and ${inRecord('$.result.outcome')} is null))`
			: undefined,
		f.q
			? textMatches(
					f.q,
					inRecord('$.productName'),
					sql`coalesce(${inRecord('$.context.organizationName')}, ${organizations.name})`
				)
			: undefined
	];
	return and(...where.filter(Boolean));
}

export interface ListOptions {
	published: boolean;
	limit: number;
	offset: number;
	/** Việt Nam's day: the public star filter keeps only certificates in force on it. */
	today?: string;
}

const listOrder = () => [
	sql`${lockedYear} desc`,
	sql`${lockedRoundNo} desc`,
	asc(lockedResults.seq)
];

function todayOf(today: string | undefined): string {
	if (!today) throw new Error('the public star filter and charts need the day (Việt Nam)');
	return today;
}

/** One page of results, newest round first then chain order. */
export function listResults(
	db: Q,
	f: ResultFilters,
	opts: ListOptions
): { rows: ResultRow[]; total: number } {
	if (opts.published && f.stars) return listRecognized(db, f, f.stars, todayOf(opts.today), opts);
	const where = conditions(f, opts.published);
	const rows = baseQuery(db)
		.where(where)
		.orderBy(...listOrder())
		.limit(opts.limit)
		.offset(opts.offset)
		.all()
		.map(asLocked);
	const total = db.select({ n: count() }).from(baseQuery(db).where(where).as('r')).get()?.n ?? 0;
	return { rows, total };
}

/**
 * The public list under a star level: what is recognised at that level and in force today, by
 * rowStanding over the facts of the rows SQL keeps; then the page's rows in the same order.
 */
function listRecognized(
	db: Q,
	f: ResultFilters,
	stars: number,
	today: string,
	opts: ListOptions
): { rows: ResultRow[]; total: number } {
	const seqs = joined(
		db
			.select({ seq: lockedResults.seq, ...standingFacts })
			.from(lockedResults)
			.$dynamic()
	)
		.where(conditions(f, true))
		.orderBy(...listOrder())
		.all()
		.filter((r) => rowStanding(r, today).recognizedStars === stars)
		.map((r) => r.seq);
	const page = seqs.slice(opts.offset, opts.offset + opts.limit);
	const rows =
		page.length === 0
			? []
			: baseQuery(db)
					.where(inArray(lockedResults.seq, page))
					.orderBy(...listOrder())
					.all()
					.map(asLocked);
	return { rows, total: seqs.length };
}

/** Every result the filters select, in the list's order: for filters that select a few. */
export function selectedResults(db: Q, f: ResultFilters, published: boolean): ResultRow[] {
	return baseQuery(db)
		.where(conditions(f, published))
		.orderBy(sql`${lockedYear} desc`, sql`${lockedRoundNo} desc`, asc(lockedResults.seq))
		.all()
		.map(asLocked);
}

/** How many results share a product set, a star rank and an average: what the charts draw. */
export interface ChartCount {
	productSetNo: number;
	stars: number | null;
	averageHundredths: number | null;
	n: number;
}

/**
 * The charts' figures for the same filters as the list, counted in SQL. The office's count the
 * council's stars; the public's the level recognised and in force today (rowStanding), so that
 * a proposal, a candidate, a returned, revoked or expired result is drawn under no star level.
 */
export function resultChartCounts(
	db: Q,
	f: ResultFilters,
	published: boolean,
	today?: string
): ChartCount[] {
	if (published) return publicChartCounts(db, f, todayOf(today));
	const { productSetNo, stars, average } = columns.locked;
	return joined(
		db.select({ productSetNo, stars, average, n: count() }).from(lockedResults).$dynamic()
	)
		.where(conditions(f, published))
		.groupBy(productSetNo, stars, average)
		.all()
		.map(({ average, ...c }) => ({
			...c,
			averageHundredths: average === null ? null : Math.round(average * 100)
		}));
}

function publicChartCounts(db: Q, f: ResultFilters, today: string): ChartCount[] {
	const { productSetNo, average } = columns.locked;
	const facts = Object.values(standingFacts);
	const groups = joined(
		db
			.select({ productSetNo, average, ...standingFacts, n: count() })
			.from(lockedResults)
			.$dynamic()
	)
		.where(conditions(f, true))
		.groupBy(productSetNo, average, ...facts)
		.all();
	const counts = new Map<string, ChartCount>();
	for (const g of groups) {
		const stars = rowStanding(g, today).recognizedStars;
		if (f.stars && stars !== f.stars) continue;
		const averageHundredths = g.average === null ? null : Math.round(g.average * 100);
		const key = `${g.productSetNo}|${stars}|${averageHundredths}`;
		const c = counts.get(key) ?? { productSetNo: g.productSetNo, stars, averageHundredths, n: 0 };
		c.n += g.n;
		counts.set(key, c);
	}
	return [...counts.values()];
}

/** Years and rounds that have results, for the filter pickers. */
export function resultYears(db: Q, published: boolean): number[] {
	const rows = baseQuery(db).where(conditions({}, published)).all().map(asLocked);
	return [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
}

/**
 * getResult's query, built once per connection: drizzle's building of this many columns and
 * joins cost more than SQLite's answer on every product page. The record's stored text comes
 * with the row (one query, not two) so that its integrity verdict can be remembered by it.
 */
function resultQuery(db: Q, published: boolean) {
	return joined(
		db
			.select({ ...columns, stored: sql`${lockedResults.record}`.mapWith(String) })
			.from(lockedResults)
			.$dynamic()
	)
		.where(and(eq(lockedResults.seq, sql.placeholder('seq')), conditions({}, published)))
		.prepare();
}

const resultQueries = {
	published: perConnection((db) => resultQuery(db, true)),
	all: perConnection((db) => resultQuery(db, false))
};

export function getResult(
	db: Q,
	seq: number,
	opts: { published: boolean }
): { row: ResultRow; record: LockedRecord; stored: string } | null {
	const found = resultQueries[opts.published ? 'published' : 'all'](db).get({ seq });
	if (!found) return null;
	const { stored, ...row } = found;
	return { row: asLocked(row), record: JSON.parse(stored) as LockedRecord, stored };
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

/** Rounds and sittings that hold locked results, for the office's pickers and document links. */
export function lockedSittings(db: Q) {
	const rows = baseQuery(db).where(undefined).all().map(asLocked);
	const rounds = new Map<string, { id: string; name: string; year: number; number: number }>();
	const sittings = new Map<string, { id: string; title: string; roundId: string }>();
	for (const r of rows) {
		rounds.set(r.roundId, { id: r.roundId, name: r.roundName, year: r.year, number: r.roundNo });
		sittings.set(r.sittingId, { id: r.sittingId, title: r.sittingTitle, roundId: r.roundId });
	}
	return { rounds: [...rounds.values()], sittings: [...sittings.values()] };
}
