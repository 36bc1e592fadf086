// `ocop chain [--db FILE] [--key PUBLIC.pem]`: checks the chain of locked results in the database
// and names every changed, removed or reordered record, every column or stored card that differs
// from its record, and every break of the signed chain heads. Exit 0 intact, 1 broken, 2 bad input.
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describeProblem, verifyDatabaseChain } from '../chain';
import { openDatabase } from '../db/client';
import { existingPublicKey, readPublicKey } from '../signing';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliIo } from './io';
import { databaseArg } from './db-arg';

const USAGE = `Usage: ocop chain [--db FILE] [--key PUBLIC.pem|URL]

Checks the locked results in the database (default: $DATABASE_URL or data/ocop.db) and the signed
chain heads beside it (FILE.heads.jsonl). The heads are checked with --key, else with the key of
this deployment ($OCOP_SIGNING_KEY, else ocop-signing-key.pem beside the database).
`;

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help')) {
		io.stdout(USAGE);
		return EXIT_OK;
	}
	const keyAt = args.indexOf('--key');
	const keySource = keyAt >= 0 ? args[keyAt + 1] : undefined;
	if (keyAt >= 0 && (!keySource || keySource.startsWith('--'))) {
		io.stderr('ocop chain: --key needs a public key file or URL\n');
		return EXIT_BAD_INPUT;
	}
	const file = databaseArg(
		keyAt >= 0 ? args.filter((_, i) => i !== keyAt && i !== keyAt + 1) : args
	);
	if (!file.ok || file.rest.length > 0) {
		io.stderr(`ocop chain: ${file.ok ? `unexpected argument ${file.rest[0]}` : file.error}\n`);
		return EXIT_BAD_INPUT;
	}
	if (!existsSync(file.path)) {
		io.stderr(`ocop chain: ${file.path}: no such database file\n`);
		return EXIT_BAD_INPUT;
	}
	let publicKey: KeyObject | null;
	if (keySource) {
		const read = await readPublicKey(keySource);
		if (typeof read === 'string') {
			io.stderr(`ocop chain: ${read}\n`);
			return EXIT_BAD_INPUT;
		}
		publicKey = read;
	} else publicKey = existingPublicKey(file.path);
	const db = openDatabase(file.path, { migrate: false });
	try {
		const { records, problems } = verifyDatabaseChain(db, { publicKey });
		if (!publicKey && records > 0) {
			io.stderr(
				'ocop chain: no public key to check the signed chain heads with; give --key PUBLIC.pem\n'
			);
			return EXIT_BAD_INPUT;
		}
		if (problems.length === 0) {
			io.stdout(`valid: ${records} locked result(s), chain intact, signed head verified\n`);
			return EXIT_OK;
		}
		for (const p of problems) io.stdout(`${describeProblem(p)}\n`);
		io.stdout(`invalid: ${problems.length} problem(s) in ${records} locked result(s)\n`);
		return EXIT_FAILURE;
	} finally {
		db.$client.close();
	}
}
