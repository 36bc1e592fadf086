// `ocop rate FILE...`: the command-line contract of RULES.md. One compact JSON line per input, in
// argument order; `-` reads one input from stdin.
//
// On bad input the command keeps going: each good file still gets its line on stdout, each bad
// one gets `ocop rate: FILE: FIELD: problem` lines on stderr and no stdout line, and the exit code
// is 2 once everything has been read. A script therefore gets every result it can, and the exit
// code still says that the run as a whole failed.

import { readFile } from 'node:fs/promises';
import { rate, toRatingOutput } from '../../domain/rating';
import { formatIssue, parseRatingInput } from '../../domain/rating-input';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';

const USAGE = `Usage: ocop rate FILE...

Rates one product per input file (RULES.md "Command-line contract") and prints one JSON object
per file, one per line, in order. "-" reads one input from standard input.
Bad input is reported on standard error with the file and the field; the exit code is then 2.
`;

export async function run(args: string[], io: CliIo): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		io.stdout(USAGE);
		return EXIT_OK;
	}
	const files = args.filter((arg, i) => !(arg === '--' && args.indexOf('--') === i));
	const unknown = files.find((arg) => arg.startsWith('-') && arg !== '-' && args.indexOf('--') < 0);
	if (files.length === 0 || unknown) {
		io.stderr(`ocop rate: ${unknown ? `unknown option ${unknown}` : 'no input file'}\n\n${USAGE}`);
		return EXIT_BAD_INPUT;
	}
	let failed = false;
	for (const file of files) {
		const problems = await rateOne(file, io);
		if (problems.length === 0) continue;
		failed = true;
		const name = file === '-' ? '<stdin>' : file;
		for (const problem of problems) io.stderr(`ocop rate: ${name}: ${problem}\n`);
	}
	return failed ? EXIT_BAD_INPUT : EXIT_OK;
}

/** Rates one input and prints its line; returns the problems found instead, if any. */
async function rateOne(file: string, io: CliIo): Promise<string[]> {
	let text: string;
	try {
		text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
	} catch (error) {
		return [`cannot read the file (${describeReadError(error)})`];
	}
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const reason = text.trim() === '' ? 'the input is empty' : (error as Error).message;
		return [`invalid JSON: ${reason}`];
	}
	const parsed = parseRatingInput(json);
	if (!parsed.ok) return parsed.errors.map(formatIssue);
	const { rubric, ...input } = parsed.value;
	io.stdout(JSON.stringify(toRatingOutput(rate(rubric, input))) + '\n');
	return [];
}

function describeReadError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file';
	if (code === 'EISDIR') return 'it is a directory';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	return error instanceof Error ? error.message : String(error);
}
