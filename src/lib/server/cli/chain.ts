// `ocop chain [--db FILE]`: checks the chain of locked results in the database and names every
// changed, removed or reordered record. Exit 0 intact, 1 broken, 2 bad input.
import { existsSync } from 'node:fs';
import { describeProblem, verifyDatabaseChain } from '../chain';
import { openDatabase } from '../db/client';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliIo } from './index';
import { databaseArg } from './db-arg';

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help')) {
		io.stdout('Usage: ocop chain [--db FILE]   (default: $DATABASE_URL or data/ocop.db)\n');
		return EXIT_OK;
	}
	const file = databaseArg(args);
	if (!file.ok) {
		io.stderr(`ocop chain: ${file.error}\n`);
		return EXIT_BAD_INPUT;
	}
	if (!existsSync(file.path)) {
		io.stderr(`ocop chain: ${file.path}: no such database file\n`);
		return EXIT_BAD_INPUT;
	}
	const db = openDatabase(file.path, { migrate: false });
	try {
		const { records, problems } = verifyDatabaseChain(db);
		if (problems.length === 0) {
			io.stdout(`valid: ${records} locked result(s), chain intact\n`);
			return EXIT_OK;
		}
		for (const p of problems) io.stdout(`${describeProblem(p)}\n`);
		io.stdout(`invalid: ${problems.length} problem(s) in ${records} locked result(s)\n`);
		return EXIT_FAILURE;
	} finally {
		db.$client.close();
	}
}
