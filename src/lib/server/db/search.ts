import { or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { foldVietnamese } from '../../domain/fold';

/** The SQL function every connection registers (client.ts): foldVietnamese in SQLite. */
export const FOLD_FUNCTION = 'ocop_fold';

/**
 * Any of the columns contains the query, ignoring marks and case ("ca phe" finds "Cà phê").
 * `%` and `_` in the query are literal characters, not wildcards.
 */
export function textMatches(q: string, ...columns: (SQLiteColumn | SQL)[]): SQL | undefined {
	const pattern = `%${foldVietnamese(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return or(
		...columns.map((c) => sql`${sql.raw(FOLD_FUNCTION)}(${c}) like ${pattern} escape '\\'`)
	);
}
