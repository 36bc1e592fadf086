// Whole-database snapshots of a live SQLite file, taken and put back through a second
// connection while the app keeps running: to prove that a refused request changed nothing, and
// to undo an allowed one before the next request is judged.
import type { Database } from 'better-sqlite3';

/** Table name → its rows as canonical text. */
export type DbSnapshot = Map<string, { text: string; rows: Record<string, unknown>[] }>;

/** Append-only by trigger: a snapshot compares it but cannot put it back. */
const APPEND_ONLY = new Set(['locked_results']);

function tablesOf(sqlite: Database): string[] {
	return (
		sqlite
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name"
			)
			.all() as { name: string }[]
	).map((t) => t.name);
}

export function takeSnapshot(sqlite: Database): DbSnapshot {
	const snap: DbSnapshot = new Map();
	for (const table of tablesOf(sqlite)) {
		const rows = sqlite.prepare(`select * from "${table}" order by rowid`).all() as Record<
			string,
			unknown
		>[];
		snap.set(table, { text: JSON.stringify(rows), rows });
	}
	return snap;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(a: DbSnapshot, b: DbSnapshot): string[] {
	const names = new Set([...a.keys(), ...b.keys()]);
	return [...names].filter((n) => a.get(n)?.text !== b.get(n)?.text);
}

/**
 * Puts every table back as it was in `snap`, in one transaction (foreign keys are not enforced
 * on this connection, so the order of tables does not matter and nothing cascades).
 */
export function restoreSnapshot(sqlite: Database, snap: DbSnapshot): void {
	sqlite.pragma('foreign_keys = OFF');
	const now = takeSnapshot(sqlite);
	const changed = changedTables(snap, now);
	for (const table of changed)
		if (APPEND_ONLY.has(table)) throw new Error(`${table} changed: it cannot be put back`);
	sqlite.transaction(() => {
		for (const table of changed) {
			// A guard trigger (the document register refuses deletes) is lifted while the test
			// puts the table back, and restored with its own definition in the same transaction.
			const guards = sqlite
				.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?")
				.all(table) as { name: string; sql: string }[];
			for (const g of guards) sqlite.exec(`drop trigger "${g.name}"`);
			sqlite.prepare(`delete from "${table}"`).run();
			for (const row of snap.get(table)?.rows ?? []) {
				const cols = Object.keys(row);
				const sql = `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`;
				sqlite.prepare(sql).run(...cols.map((c) => row[c]));
			}
			for (const g of guards) sqlite.exec(g.sql);
		}
	})();
}
