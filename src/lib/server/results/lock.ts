// The one write path of the result chain: read the tip, seal the body after it, insert the
// locked row. Closing an item (scoring/close.ts) and the demo and bench seeds
// (record-builder.ts → seed/, bench/seed.ts) all lock through here, so a record is sealed the
// same way whoever writes it. Relative imports only: the CLI tests reuse it through tsx.
import { desc } from 'drizzle-orm';
import {
	GENESIS_HASH,
	sealRecord,
	type LockedRecord,
	type LockedRecordBody
} from '../../domain/result-record';
import type { Q } from '../db/client';
import { lockedResults } from '../db/schema';
import { councilSeats } from '../membership';
import { lockContextOf } from './lock-context';

/** The next chain position and the hash it links to. */
export function chainTip(db: Q): { seq: number; prevHash: string } {
	const last = db
		.select({ seq: lockedResults.seq, hash: lockedResults.hash })
		.from(lockedResults)
		.orderBy(desc(lockedResults.seq))
		.limit(1)
		.get();
	return last ? { seq: last.seq + 1, prevHash: last.hash } : { seq: 1, prevHash: GENESIS_HASH };
}

/**
 * Seals `body` after the current tip and inserts it; call inside the transaction that changes
 * the item, and sign the chain head (chain-head.ts) only after it commits. A body without
 * `seq` takes the next position; a missing `context` is read from the agenda. The council's
 * seats (names, titles, roles) are kept with the row as they are now, for the documents.
 */
export function lockRecord(
	db: Q,
	body: Omit<LockedRecordBody, 'seq'> & { seq?: number }
): LockedRecord {
	const tip = chainTip(db);
	const record = sealRecord(tip.prevHash, {
		...body,
		seq: body.seq ?? tip.seq,
		context: body.context ?? lockContextOf(db, body.itemId) ?? undefined
	});
	db.insert(lockedResults)
		.values({
			seq: record.seq,
			itemId: record.itemId,
			record,
			stars: record.result.stars,
			averageHundredths:
				record.result.average === null ? null : Math.round(record.result.average * 100),
			prevHash: record.prevHash,
			hash: record.hash,
			closedAt: record.closedAt,
			seats: councilSeats(db, record.councilId).map(({ userId, name, title, role, voting }) => ({
				id: userId,
				name,
				title,
				role,
				voting
			}))
		})
		.run();
	return record;
}
