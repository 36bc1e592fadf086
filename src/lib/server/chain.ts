import { asc, eq } from 'drizzle-orm';
import { checkChain, type ChainProblem, type LockedRecord } from '../domain/result-record';
import type { Q } from './db/client';
import { agendaItems, lockedResults } from './db/schema';

export type DatabaseChainProblem =
	| ChainProblem
	| { seq: number; problem: 'row'; field: string }
	| { seq: number; problem: 'unreadable' }
	| { itemId: string; problem: 'missing' };

/**
 * Tamper evidence over the database: re-walks the locked results in order and checks each
 * record's hash and link, that the indexed columns agree with the hashed record, and that every
 * closed agenda item still has its locked record (a removed last record breaks no link).
 */
export function verifyDatabaseChain(db: Q): { records: number; problems: DatabaseChainProblem[] } {
	const rows = db.select().from(lockedResults).orderBy(asc(lockedResults.seq)).all();
	const problems: DatabaseChainProblem[] = [];
	const records: LockedRecord[] = [];
	for (const row of rows) {
		const record = row.record;
		if (!record || typeof record !== 'object') {
			problems.push({ seq: row.seq, problem: 'unreadable' });
			continue;
		}
		const columns: [string, unknown, unknown][] = [
			['seq', row.seq, record.seq],
			['item_id', row.itemId, record.itemId],
			['hash', row.hash, record.hash],
			['prev_hash', row.prevHash, record.prevHash],
			['stars', row.stars, record.result?.stars ?? null],
			['closed_at', row.closedAt, record.closedAt]
		];
		for (const [field, column, inRecord] of columns)
			if (column !== inRecord) problems.push({ seq: row.seq, problem: 'row', field });
		records.push(record);
	}
	problems.push(...checkChain(records));
	const locked = new Set(rows.map((r) => r.itemId));
	const closed = db
		.select({ id: agendaItems.id })
		.from(agendaItems)
		.where(eq(agendaItems.state, 'closed'))
		.all();
	for (const { id } of closed)
		if (!locked.has(id)) problems.push({ itemId: id, problem: 'missing' });
	return { records: rows.length, problems };
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
	}
}
