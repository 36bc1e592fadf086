import type { KeyObject } from 'node:crypto';
import { asc } from 'drizzle-orm';
import {
	canonicalJson,
	checkChain,
	type ChainProblem,
	type LockedCard,
	type LockedRecord
} from '../domain/result-record';
import { databaseFileOf, headSignatureValid, readHeadLog } from './chain-head';
import type { Q } from './db/client';
import { agendaItems, lockedResults, scorecards } from './db/schema';

export type DatabaseChainProblem =
	| ChainProblem
	| { seq: number; problem: 'row'; field: string }
	| { seq: number; problem: 'unreadable' }
	| { itemId: string; problem: 'missing' }
	| { seq: number; problem: 'scorecard'; member: string; round: number; what: ScorecardIssue }
	| { problem: 'head'; detail: string }
	/** No valid signed head for this record: added behind the app's back, or a crash right after its lock. */
	| { seq: number; problem: 'unsigned' };

type ScorecardIssue = 'changed' | 'not in the record' | 'removed';

export interface ChainCheckOptions {
	/**
	 * The issuer's public key: the signed chain heads beside the database are checked with it.
	 * Null skips that check (only for callers that have no key, never for `ocop chain`).
	 */
	publicKey: KeyObject | null;
}

/**
 * Tamper evidence over the database: re-walks the locked results in order and checks each
 * record's hash and link, that every column and join the pages read agrees with the hashed
 * record, that the stored scorecards of a locked item are the record's cards, that every closed
 * agenda item still has its locked record, and that the signed chain heads name records that are
 * still there (a removed last record breaks no link, but it breaks the signed head).
 */
export function verifyDatabaseChain(
	db: Q,
	opts: ChainCheckOptions
): { records: number; problems: DatabaseChainProblem[] } {
	const rows = db.select().from(lockedResults).orderBy(asc(lockedResults.seq)).all();
	const items = new Map(
		db
			.select({
				id: agendaItems.id,
				sittingId: agendaItems.sittingId,
				dossierId: agendaItems.dossierId,
				state: agendaItems.state
			})
			.from(agendaItems)
			.all()
			.map((i) => [i.id, i])
	);
	const problems: DatabaseChainProblem[] = [];
	const records: LockedRecord[] = [];
	for (const row of rows) {
		const record = row.record;
		if (!record || typeof record !== 'object') {
			problems.push({ seq: row.seq, problem: 'unreadable' });
			continue;
		}
		const average = record.result?.average;
		const item = items.get(row.itemId);
		const columns: [string, unknown, unknown][] = [
			['seq', row.seq, record.seq],
			['item_id', row.itemId, record.itemId],
			['hash', row.hash, record.hash],
			['prev_hash', row.prevHash, record.prevHash],
			['stars', row.stars, record.result?.stars ?? null],
			[
				'average_hundredths',
				row.averageHundredths,
				typeof average === 'number' ? Math.round(average * 100) : null
			],
			['closed_at', row.closedAt, record.closedAt],
			['agenda_items.sitting_id', item?.sittingId, record.sittingId],
			['agenda_items.dossier_id', item?.dossierId, record.dossierId],
			['agenda_items.state', item?.state, 'closed']
		];
		for (const [field, column, inRecord] of columns)
			if (column !== inRecord) problems.push({ seq: row.seq, problem: 'row', field });
		records.push(record);
	}
	problems.push(...checkChain(records));
	problems.push(...scorecardProblems(db, records));
	const locked = new Set(rows.map((r) => r.itemId));
	for (const item of items.values())
		if (item.state === 'closed' && !locked.has(item.id))
			problems.push({ itemId: item.id, problem: 'missing' });
	if (opts.publicKey) problems.push(...headProblems(db, records, opts.publicKey));
	return { records: rows.length, problems };
}

/** Stored cards of locked items against the record: the record is what was rated. */
function scorecardProblems(db: Q, records: LockedRecord[]): DatabaseChainProblem[] {
	const problems: DatabaseChainProblem[] = [];
	const byItem = new Map<string, (typeof scorecards.$inferSelect)[]>();
	for (const card of db.select().from(scorecards).all()) {
		const list = byItem.get(card.itemId) ?? [];
		list.push(card);
		byItem.set(card.itemId, list);
	}
	for (const record of records) {
		const expected = new Map<string, LockedCard>();
		// A card submitted before its author recused stays stored but never entered the result.
		const recused = new Set<string>();
		for (const c of [...(record.earlierRounds ?? []), ...(record.cards ?? [])])
			if (c.recused) recused.add(`${c.member}\u0000${c.round}`);
			else if (Object.keys(c.choices ?? {}).length > 0)
				expected.set(`${c.member}\u0000${c.round}`, c);
		const issue = (member: string, round: number, what: ScorecardIssue) =>
			problems.push({ seq: record.seq, problem: 'scorecard', member, round, what });
		for (const stored of byItem.get(record.itemId) ?? []) {
			const key = `${stored.userId}\u0000${stored.round}`;
			if (recused.has(key)) continue;
			const card = expected.get(key);
			if (!card) issue(stored.userId, stored.round, 'not in the record');
			else if (
				canonicalJson(stored.choices) !== canonicalJson(card.choices) ||
				stored.submittedAt !== card.submittedAt
			)
				issue(stored.userId, stored.round, 'changed');
			expected.delete(key);
		}
		for (const card of expected.values()) issue(card.member, card.round, 'removed');
	}
	return problems;
}

function headProblems(
	db: Q,
	records: LockedRecord[],
	publicKey: KeyObject
): DatabaseChainProblem[] {
	const file = databaseFileOf(db);
	const log = readHeadLog(file);
	const problems: DatabaseChainProblem[] = [];
	const head = (detail: string) => problems.push({ problem: 'head', detail });
	if (!log.exists) {
		// The first lock's head is written after its commit, and the log with it: a server stopped
		// in between leaves one record and no log yet, the state of any tip whose head was not
		// written (the next start signs it). Reported as that; with more records, the log is gone.
		if (records.length === 1) problems.push({ seq: records[0].seq, problem: 'unsigned' });
		else if (records.length > 1) head('no signed chain head beside the database (log missing)');
		return problems;
	}
	for (const line of log.unreadable) head(`line ${line} of the head log is not a signed head`);
	const bySeq = new Map(records.map((r) => [r.seq, r]));
	const signed = new Set<number>();
	for (const h of log.heads) {
		if (!headSignatureValid(h, publicKey)) {
			head(`signed head of record ${h.seq}: signature does not verify with the issuer's key`);
			continue;
		}
		const record = bySeq.get(h.seq);
		if (!record) head(`signed head names record ${h.seq}, which is not in the database (removed)`);
		else if (record.hash !== h.hash)
			head(`signed head of record ${h.seq} holds another hash (the record was replaced)`);
		else signed.add(h.seq);
	}
	const highest = Math.max(0, ...log.heads.map((h) => h.seq));
	const tip = records.at(-1)?.seq ?? 0;
	if (highest > tip)
		head(`the chain ends at record ${tip} but a signed head names record ${highest} (truncated)`);
	for (const r of records)
		if (!signed.has(r.seq)) problems.push({ seq: r.seq, problem: 'unsigned' });
	return problems;
}

export function describeProblem(p: DatabaseChainProblem): string {
	switch (p.problem) {
		case 'hash':
			return `record ${p.seq}: content does not match its hash (changed after locking)`;
		case 'link':
			return `record ${p.seq}: does not link to the previous record (removed or reordered)`;
		case 'gap':
			return `record ${p.seq}: expected sequence number ${p.expected} (a record is missing)`;
		case 'receipt':
			return `record ${p.seq}: the card of ${p.member} does not match its receipt`;
		case 'row':
			return `record ${p.seq}: column ${p.field} differs from the locked record`;
		case 'unreadable':
			return `record ${p.seq}: the stored record cannot be read`;
		case 'missing':
			return `agenda item ${p.itemId} is closed but has no locked result`;
		case 'scorecard':
			return `record ${p.seq}: stored scorecard of ${p.member} (round ${p.round}) ${p.what === 'changed' ? 'differs from the locked card' : p.what === 'removed' ? 'was removed' : 'is not in the locked record'}`;
		case 'head':
			return `chain head: ${p.detail}`;
		case 'unsigned':
			return `record ${p.seq}: not covered by a signed chain head (not locked by the app)`;
	}
}
