// The number of a recognition decision, from the province's register: issued when the office
// leaves it blank, or entered when the decision was numbered on paper, so no number is used twice.

import { randomUUID } from 'node:crypto';
import type { Q } from '../db/client';
import { issueNumber, recordNumber } from './register';
import { templateFor } from './templates';

const TYPED = /^0*(\d{1,6})\/QĐ-(.+)$/u;

/** The number to record, or null when the typed number was already issued. */
export function decisionNumber(
	db: Q,
	council: { place: string; authority: string },
	typed: string,
	decidedOn: string,
	now: number
): string | null {
	const t = templateFor(db, council);
	const base = {
		issuer: `ubnd:${t.place}`,
		kind: 'QĐ',
		bodySymbol: t.ubnd.symbol,
		year: Number(decidedOn.slice(0, 4)),
		subject: `decision:${randomUUID()}`,
		now
	};
	if (!typed) return issueNumber(db, base).symbol;
	const m = TYPED.exec(typed.normalize('NFC'));
	if (!m || m[2] !== t.ubnd.symbol) return typed; // another body's numbering: kept as typed
	return recordNumber(db, { ...base, number: Number(m[1]), symbol: typed }) ? typed : null;
}
