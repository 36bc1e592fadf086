// `ocop verify BUNDLE...`: re-checks published locked results offline. A bundle is one locked
// record (the JSON the app exports) or an array of records (a stretch of the chain). Records are
// checked one by one, and as a chain in the order given.
// Exit 0: everything valid; 1: something does not match (named on stdout); 2: unreadable input.

import { readFile } from 'node:fs/promises';
import type { LockedRecord } from '../../domain/result-record';
import { linkProblems, recordProblems, shapeProblem } from '../exports/verify-record';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliIo } from './index';

const USAGE = `Usage: ocop verify BUNDLE...

Checks locked-result bundles exported by the app: recomputes each result from its cards with the
rating core, checks each card's receipt and the record's hash, and, when several records are given
in chain order (several files, or one file holding an array), the links between them.
Prints "valid" or names what does not match. Exit 0 valid, 1 mismatch, 2 bad input.
`;

interface Loaded {
	file: string;
	records: LockedRecord[];
}

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		io.stdout(USAGE);
		return EXIT_OK;
	}
	if (args.length === 0 || args.some((a) => a.startsWith('-') && a !== '-')) {
		io.stderr(
			`ocop verify: ${args.length === 0 ? 'no bundle given' : 'unknown option'}\n\n${USAGE}`
		);
		return EXIT_BAD_INPUT;
	}
	const loaded: Loaded[] = [];
	for (const file of args) {
		const result = await load(file, io);
		if (typeof result === 'string') {
			io.stderr(`ocop verify: ${file}: ${result}\n`);
			return EXIT_BAD_INPUT;
		}
		loaded.push(result);
	}
	let failures = 0;
	let prev: LockedRecord | null = null;
	for (const { file, records } of loaded) {
		for (const record of records) {
			const problems = [...(prev ? linkProblems(prev, record) : []), ...recordProblems(record)];
			const label = `${file}: seq ${record.seq}`;
			if (problems.length === 0) io.stdout(`${label}: valid\n`);
			for (const problem of problems) io.stdout(`${label}: ${problem}\n`);
			failures += problems.length;
			prev = record;
		}
	}
	io.stdout(failures === 0 ? 'valid\n' : `not valid: ${failures} problem(s)\n`);
	return failures === 0 ? EXIT_OK : EXIT_FAILURE;
}

async function load(file: string, io: CliIo): Promise<Loaded | string> {
	let text: string;
	try {
		text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
	} catch (error) {
		return `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`;
	}
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return `invalid JSON: ${(error as Error).message}`;
	}
	const list = Array.isArray(json) ? json : [json];
	if (list.length === 0) return 'the bundle holds no record';
	for (const [i, item] of list.entries()) {
		const problem = shapeProblem(item);
		if (problem) return Array.isArray(json) ? `record ${i + 1}: ${problem}` : problem;
	}
	return { file, records: list as LockedRecord[] };
}
