// Documents on demand, generated from locked records. Each function checks nothing about the
// reader: routes call `mayReadCouncilDocuments` (or publication) first.

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AccountRole } from '../../domain/accounts';
import { sittingHeld } from '../../domain/meeting';
import type { Db, Q } from '../db/client';
import { auditLog, conflicts, councils, lockedResults, sittings } from '../db/schema';
import { listAgenda } from '../councils/agenda';
import { membershipOf } from '../membership';
import { commentOf } from '../scoring/comments';
import { resultDetail } from '../results/detail';
import { getResult, listResults, recordsOf, userNames } from '../results/repository';
import { cachedRender } from './pdf-cache';
import type { PdfRenderer } from './render-pool';
import { itemNotes } from './notes';
import { namesOf, peopleOf, signersOf, UNKNOWN_NAME } from './people';
import { productCode } from './product-code';
import { issueNumber, reportNumber, vnYear } from './register';
import { templateFor, type ProvinceTemplate } from './templates';
import type { DocumentRequest } from './request';

export type { DocumentRequest } from './request';

/**
 * A document for a download. Where the renderer has render threads and the database is a file,
 * the thread gathers the data itself (its own connection) as well as rendering it: gathering on
 * the event loop (the queries, the job's JSON and its hash, 2-4 ms for the minutes of a sitting,
 * in one piece) was what live ticks waited behind while an office downloaded documents.
 * Otherwise (tests on an in-memory database, one thread) it is gathered here. Null when what
 * the request names does not exist; the caller has checked who may read it.
 */
export function documentOf(
	renderer: PdfRenderer,
	db: Db,
	request: DocumentRequest
): Promise<Buffer | null> {
	if (renderer.gather && !db.$client.memory) return renderer.gather(db.$client.name, request);
	return gatherDocument(renderer, db, request);
}

/** Gathers and renders a document in this thread (the render thread's side of `documentOf`). */
export async function gatherDocument(
	renderer: PdfRenderer,
	db: Q,
	request: DocumentRequest
): Promise<Buffer | null> {
	switch (request.doc) {
		case 'report': {
			const { published, showNames } = request;
			return (
				(await reportDocument(renderer, db, request.seq, { published, showNames }))?.pdf ?? null
			);
		}
		case 'sheet':
			return scoreSheetDocument(renderer, db, request.seq, request.member);
		case 'minutes':
			return minutesDocument(renderer, db, request.sittingId);
	}
}

/** Office staff and administrators, and the council's own members. */
export function mayReadCouncilDocuments(
	db: Q,
	user: { id: string; role: AccountRole } | null,
	councilId: string
): boolean {
	if (!user) return false;
	if (user.role === 'office' || user.role === 'admin') return true;
	return membershipOf(db, councilId, user.id) !== null;
}

/** The evaluation report of one result; `published` limits it to what the public may read. */
export async function reportDocument(
	renderer: PdfRenderer,
	db: Q,
	seq: number,
	opts: { published: boolean; showNames?: boolean; now?: number }
): Promise<{ pdf: Buffer; councilId: string; productName: string; number: string } | null> {
	const found = getResult(db, seq, { published: opts.published });
	if (!found) return null;
	const showNames = opts.showNames ?? found.row.publishMemberNames;
	// The council as it sat when the item was locked, not as it is today.
	const people = peopleOf(db, found.row.councilId, [found.record]);
	const detail = resultDetail(db, found.row, found.record, {
		showNames,
		anonymous: (n) => `Thành viên ${n}`,
		names: namesOf(
			db,
			people,
			found.record.cards.map((c) => c.member)
		)
	});
	const signers = signersOf(people);
	// Dated the day the council closed the item: the report records that sitting.
	const at = found.record.closedAt;
	const template = templateFor(db, found.row);
	const { symbol } = reportNumber(
		db,
		found.record,
		template.council.symbol,
		opts.now ?? Date.now()
	);
	const frame = { template, number: symbol, chair: signers.chair };
	const pdf = await cachedRender(renderer, { kind: 'report', detail, frame, at });
	return {
		pdf,
		councilId: found.row.councilId,
		productName: found.record.productName,
		number: symbol
	};
}

/** Where a result sits, for the authorisation of its council-only documents. */
export function resultCouncil(db: Q, seq: number): string | null {
	// One column of one row: every download asks this before its document is gathered, and the
	// whole result (getResult's joins and parsed record) cost the event loop a few ms more.
	return (
		db
			.select({ c: sql<string | null>`json_extract(${lockedResults.record}, '$.councilId')` })
			.from(lockedResults)
			.where(eq(lockedResults.seq, seq))
			.get()?.c ?? null
	);
}

export async function scoreSheetDocument(
	renderer: PdfRenderer,
	db: Q,
	seq: number,
	member: string
): Promise<Buffer | null> {
	const found = getResult(db, seq, { published: false });
	const card = found?.record.cards.find((c) => c.member === member);
	if (!found || !card) return null;
	// The member as they sat when the item was locked, even if removed or renamed since.
	const person = peopleOf(db, found.row.councilId, [found.record]).find((p) => p.id === member);
	const template = templateFor(db, found.row);
	const header = {
		template,
		organization: found.row.organization,
		memberName: person?.name ?? userNames(db, [member]).get(member) ?? UNKNOWN_NAME,
		memberTitle: person?.title ?? null,
		memberRole: person?.role ?? null,
		productCode: productCode(db, template, found.record.dossierId, found.row.year),
		// The comment the member wrote on their card; the item is closed, so it no longer changes.
		comments: commentOf(db, found.record.itemId, member),
		// A recused member's sheet records the recusal instead of a card (score-sheet.ts).
		recusal: card.recused ? recusalOf(db, found.record.itemId, member) : null
	};
	return cachedRender(renderer, { kind: 'sheet', record: found.record, card, header });
}

/** The conflict a member declared for an item, with the name of who recorded it. */
function recusalOf(db: Q, itemId: string, member: string) {
	const row = db
		.select({ reason: conflicts.reason, declaredBy: conflicts.declaredBy, at: conflicts.at })
		.from(conflicts)
		.where(and(eq(conflicts.itemId, itemId), eq(conflicts.userId, member)))
		.get();
	if (!row) return null;
	const name = userNames(db, [row.declaredBy]).get(row.declaredBy) ?? UNKNOWN_NAME;
	return { reason: row.reason, declaredBy: name, at: row.at };
}

export function sittingCouncil(db: Q, sittingId: string): string | null {
	return (
		db.select({ c: sittings.councilId }).from(sittings).where(eq(sittings.id, sittingId)).get()
			?.c ?? null
	);
}

function sittingFacts(db: Q, sittingId: string) {
	return db
		.select({ state: sittings.state, openedAt: sittings.openedAt })
		.from(sittings)
		.where(eq(sittings.id, sittingId))
		.get();
}

/** Whether the sitting has minutes: it exists and has been held (domain/meeting.ts). */
export function minutesExist(db: Q, sittingId: string): boolean {
	const sitting = sittingFacts(db, sittingId);
	return !!sitting && sittingHeld(sitting);
}

/**
 * Why a sitting has no minutes, in the reader's words: still under way (opened, not yet ended
 * by the chair), or not held at all.
 */
export function minutesMissingKey(db: Q, sittingId: string) {
	const sitting = sittingFacts(db, sittingId);
	return sitting?.state === 'open' ? 'results.minutesNotEnded' : 'results.minutesNotHeld';
}

/**
 * The minutes of a held sitting; null for a sitting that does not exist or has not been held,
 * before any number is issued: a register number once given stays given.
 */
export async function minutesDocument(
	renderer: PdfRenderer,
	db: Q,
	sittingId: string,
	now = Date.now()
): Promise<Buffer | null> {
	const sitting = db.select().from(sittings).where(eq(sittings.id, sittingId)).get();
	if (!sitting || !sittingHeld(sitting)) return null;
	const council = db.select().from(councils).where(eq(councils.id, sitting.councilId)).get()!;
	const listed = listAgenda(db, sittingId);
	const presenterNames = userNames(
		db,
		listed.flatMap((i) => i.presenters)
	);
	const reached = statesReached(
		db,
		listed.map((i) => i.id)
	);
	const agenda = listed.map((item) => ({
		itemId: item.id,
		position: item.position,
		state: item.state,
		productName: item.product,
		organization: item.organization,
		notes: itemNotes(db, item.id),
		presenters: item.presenters.map((id) => presenterNames.get(id) ?? id),
		presentation: presentationOf(reached.get(item.id)),
		conflicts: db
			.select({ userId: conflicts.userId, reason: conflicts.reason })
			.from(conflicts)
			.where(eq(conflicts.itemId, item.id))
			.all()
	}));
	const seqs = listResults(
		db,
		{ sittingId },
		{ published: false, limit: 1000, offset: 0 }
	).rows.map((r) => r.seq);
	const records = recordsOf(db, seqs);
	// The council as it sat when the sitting's items were locked, not as it is today.
	const people = peopleOf(db, council.id, records);
	// Minutes are dated the day of the sitting, whenever they are printed.
	const at = sitting.openedAt ?? sitting.startsAt;
	const template = templateFor(db, council);
	const { symbol } = councilNumber(db, council.id, template, 'BB', at, `minutes:${sittingId}`, now);
	const input = {
		template,
		number: symbol,
		sittingTitle: sitting.title,
		startsAt: sitting.startsAt,
		place: sitting.place ?? null,
		openedAt: sitting.openedAt,
		closedAt: sitting.closedAt,
		members: people,
		names: Object.fromEntries(
			namesOf(db, people, [
				...agenda.flatMap((a) => a.conflicts.map((c) => c.userId)),
				...records.flatMap((r) => r.result.members.map((m) => m.member))
			])
		),
		agenda,
		records,
		...signersOf(people)
	};
	return cachedRender(renderer, { kind: 'minutes', input, at });
}

/**
 * The states each item was moved to, from the audit log's 'meeting.item.move' entries: the one
 * stored fact of an item's course (the item row keeps only its present state).
 */
function statesReached(db: Q, itemIds: string[]): Map<string, Set<string>> {
	const reached = new Map<string, Set<string>>();
	if (itemIds.length === 0) return reached;
	const rows = db
		.select({
			subject: auditLog.subject,
			to: sql<string | null>`json_extract(${auditLog.detail}, '$.to')`
		})
		.from(auditLog)
		.where(and(eq(auditLog.action, 'meeting.item.move'), inArray(auditLog.subject, itemIds)))
		.all();
	for (const r of rows) {
		if (!r.subject || !r.to) continue;
		const set = reached.get(r.subject) ?? new Set<string>();
		set.add(r.to);
		reached.set(r.subject, set);
	}
	return reached;
}

/**
 * Whether an item was presented, taken up without a presentation, or never taken up. An item
 * with no recorded move (one settled by written opinion, or put in place by a seed) claims
 * nothing either way.
 */
function presentationOf(reached: Set<string> | undefined): 'presented' | 'skipped' | 'none' {
	if (!reached) return 'none';
	if (reached.has('presenting')) return 'presented';
	if (reached.has('questions') || reached.has('scoring')) return 'skipped';
	return 'none';
}

/** The council's number for a document from the register, in the year of the document's date. */
function councilNumber(
	db: Q,
	councilId: string,
	template: ProvinceTemplate,
	kind: string,
	at: number,
	subject: string,
	now = Date.now()
) {
	return issueNumber(db, {
		issuer: `council:${councilId}`,
		kind,
		bodySymbol: template.council.symbol,
		year: vnYear(at),
		subject,
		now
	});
}
