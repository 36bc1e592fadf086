// The item's shared discussion notes, read from the Yjs update log for the minutes: one Y.Text
// per criterion, replayed from every stored update of `notes/<item>` (a compaction leaves one).

import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { NOTES_BY_CRITERION, notesDocName } from '../../protocol/yjs-docs';
import type { Q } from '../db/client';
import { yjsUpdates } from '../db/schema';

/** "1.2: text" lines in criterion order, or an empty string when nobody wrote anything. */
export function itemNotes(db: Q, itemId: string): string {
	const rows = db
		.select({ update: yjsUpdates.update })
		.from(yjsUpdates)
		.where(eq(yjsUpdates.doc, notesDocName(itemId)))
		.orderBy(asc(yjsUpdates.id))
		.all();
	if (rows.length === 0) return '';
	const doc = new Y.Doc();
	try {
		for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update));
		const map = doc.getMap<Y.Text>(NOTES_BY_CRITERION);
		return [...map.entries()]
			.map(([code, text]) => [code, String(text).trim()] as const)
			.filter(([, text]) => text)
			.sort(([a], [b]) => a.localeCompare(b, 'vi', { numeric: true }))
			.map(([code, text]) => `Tiêu chí ${code}: ${text.replace(/\s*\n+\s*/g, '; ')}`)
			.join('\n');
	} finally {
		doc.destroy();
	}
}
