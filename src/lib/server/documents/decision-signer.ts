// Who the recognition-decision form proposes as signer: the province template's decision signer
// (/office/templates), so the office does not retype the same name and title for every decision,
// and sees under which authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") it will print.

import { inArray } from 'drizzle-orm';
import type { Q } from '../db/client';
import { councils } from '../db/schema';
import { recordsOf } from '../results/repository';
import { signsForHead } from './signer-block';
import { templateFor } from './templates';

export interface DecisionSignerDefaults {
	name: string;
	title: string;
	/** Printed above the title; the office changes them in the template, not per decision. */
	authority: string[];
	/** A deputy signs for the head ("KT."): the head signing in person drops that line. */
	forHead: boolean;
}

/**
 * The template's decision signer for the province of the results in `seqs`. Null when they come
 * from councils of different provinces: one province's signer proposed for another's decision
 * would be a wrong default, so the office then types it.
 */
export function decisionSignerDefaults(db: Q, seqs: number[]): DecisionSignerDefaults | null {
	if (seqs.length === 0) return null;
	const councilIds = [...new Set(recordsOf(db, seqs).map((r) => r.councilId))];
	if (councilIds.length === 0) return null;
	const rows = db
		.select({ place: councils.place, authority: councils.authority })
		.from(councils)
		.where(inArray(councils.id, councilIds))
		.all();
	if (rows.length === 0 || new Set(rows.map((r) => r.place)).size > 1) return null;
	const { name, title, authority } = templateFor(db, rows[0]).signers.decision;
	return { name, title, authority: [...authority], forHead: signsForHead(authority) };
}
