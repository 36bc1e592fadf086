import type { Q } from './client';

/**
 * A query built once per connection (or transaction handle) rather than on every call: for the
 * queries every public page runs, drizzle's building of the SQL costs more than SQLite's answer.
 */
export function perConnection<T>(build: (db: Q) => T): (db: Q) => T {
	const built = new WeakMap<Q, T>();
	return (db) => {
		let query = built.get(db);
		if (query === undefined) built.set(db, (query = build(db)));
		return query;
	};
}
