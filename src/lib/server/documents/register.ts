// Sổ đăng ký văn bản: issues the number and symbol of a document once, for its subject. Numbers
// run from 01 each calendar year per issuing body and kind, are never issued twice, and a
// document printed again carries the number it was first given.

import { and, eq, max } from 'drizzle-orm';
import type { Q } from '../db/client';
import { documentRegister } from '../db/schema';
import { vnDate } from '../results/figures';

export interface NumberRequest {
	/** Key of the issuing body, e.g. `council:<id>`. */
	issuer: string;
	/** Type abbreviation (Phụ lục III): BB, BC, QĐ, TTr, TB. */
	kind: string;
	/** The issuing body's part of the symbol, e.g. `HĐOCOP`, `UBND`. */
	bodySymbol: string;
	year: number;
	/** What the number is for, e.g. `minutes:<sitting id>`. */
	subject: string;
	now: number;
	/** How the number prints, when not `NN/KIND-BODY` (a product code's running number). */
	format?: (n: number) => string;
}

export interface IssuedNumber {
	number: number;
	/** "03/BB-HĐOCOP" */
	symbol: string;
	year: number;
}

/** "03/BB-HĐOCOP": numbers below 10 take a leading zero. */
export function formatSymbol(n: number, kind: string, bodySymbol: string): string {
	return `${String(n).padStart(2, '0')}/${kind}-${bodySymbol}`;
}

/** The subject's number if it has one, else the next free number of its body, kind and year. */
export function issueNumber(db: Q, r: NumberRequest): IssuedNumber {
	// Every download of a numbered document asks again: a plain read answers it without the
	// write transaction, which only a first issue needs (and which checks again inside).
	const known = issuedFor(db, r.subject);
	if (known) return known;
	return db.transaction((tx) => {
		const had = issuedFor(tx, r.subject);
		if (had) return had;
		const last = tx
			.select({ n: max(documentRegister.number) })
			.from(documentRegister)
			.where(
				and(
					eq(documentRegister.issuer, r.issuer),
					eq(documentRegister.kind, r.kind),
					eq(documentRegister.year, r.year)
				)
			)
			.get();
		const number = (last?.n ?? 0) + 1;
		const symbol = r.format ? r.format(number) : formatSymbol(number, r.kind, r.bodySymbol);
		tx.insert(documentRegister)
			.values({
				issuer: r.issuer,
				kind: r.kind,
				year: r.year,
				number,
				symbol,
				subject: r.subject,
				issuedAt: r.now
			})
			.run();
		return { number, symbol, year: r.year };
		// Immediate: the read above must not be a snapshot that another connection's commit makes
		// stale before the insert (SQLITE_BUSY at once, whatever the busy timeout); a render thread
		// issues numbers on its own connection while the event loop commits live ticks.
	}, IMMEDIATE);
}

const IMMEDIATE = { behavior: 'immediate' } as const;

function issuedFor(db: Q, subject: string): IssuedNumber | null {
	const had = db
		.select({
			number: documentRegister.number,
			symbol: documentRegister.symbol,
			year: documentRegister.year
		})
		.from(documentRegister)
		.where(eq(documentRegister.subject, subject))
		.get();
	return had ?? null;
}

/** The register's entries, newest first, for the office. */
export function registerEntries(db: Q, issuer?: string) {
	const q = db.select().from(documentRegister);
	return (issuer ? q.where(eq(documentRegister.issuer, issuer)) : q).all().reverse();
}

/** The number issued for a subject, if any (e.g. the report a decision answers). */
export function numberOf(db: Q, subject: string): string | null {
	return (
		db
			.select({ symbol: documentRegister.symbol })
			.from(documentRegister)
			.where(eq(documentRegister.subject, subject))
			.get()?.symbol ?? null
	);
}

/**
 * The council's report on a locked result: its number from the council's register, in the year
 * of the day the item closed (the date the report carries), issued on first use. The report
 * itself and every document that cites it ask here, so a decision or a notice printed before
 * anyone downloaded the report still cites it, by the number the report will carry.
 */
export function reportNumber(
	db: Q,
	record: { seq: number; councilId: string; closedAt: number },
	councilSymbol: string,
	now: number
): IssuedNumber {
	return issueNumber(db, {
		issuer: `council:${record.councilId}`,
		kind: 'BC',
		bodySymbol: councilSymbol,
		year: vnYear(record.closedAt),
		subject: `report:${record.seq}`,
		now
	});
}

/**
 * The council's report as other documents cite it: its number and the date it carries, the day
 * the item closed (index.ts reportDocument). Issued here when not yet issued: a document that
 * cites the report only once someone has downloaded it would change its text after signing.
 */
export function reportCitation(
	db: Q,
	record: { seq: number; councilId: string; closedAt: number },
	councilSymbol: string,
	now: number
): { number: string; on: string } {
	return {
		number: reportNumber(db, record, councilSymbol, now).symbol,
		on: vnDate(record.closedAt)
	};
}

/**
 * Enters a number given outside the app (a decision signed on paper) so that the register never
 * issues it again; false when the number is already taken.
 */
export function recordNumber(
	db: Q,
	r: Omit<NumberRequest, 'format'> & { number: number; symbol: string }
): boolean {
	const taken = db
		.select({ id: documentRegister.id })
		.from(documentRegister)
		.where(
			and(
				eq(documentRegister.issuer, r.issuer),
				eq(documentRegister.kind, r.kind),
				eq(documentRegister.year, r.year),
				eq(documentRegister.number, r.number)
			)
		)
		.get();
	if (taken) return false;
	db.insert(documentRegister)
		.values({
			issuer: r.issuer,
			kind: r.kind,
			year: r.year,
			number: r.number,
			symbol: r.symbol,
			subject: r.subject,
			issuedAt: r.now
		})
		.run();
	return true;
}

/** The calendar year of an instant in Việt Nam time: the register's year. */
export function vnYear(ms: number): number {
	return new Date(ms + 7 * 3_600_000).getUTCFullYear();
}
