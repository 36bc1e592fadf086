// `ocop rate FILE...`: the command-line contract of RULES.md. One compact JSON line per input, in
// argument order; `-` reads one input from stdin.
//
// The contract pairs output lines with input files by position ("one JSON object per input file,
// one per line, in order"), and bad input means a message on stderr and exit 2. A bad file has no
// object to print, and skipping its line would shift every later result onto the wrong file. So
// every input is read and checked first: when all are good, each gets its line; when any is bad,
// stdout stays empty, every problem of every file goes to stderr (`ocop rate: FILE: FIELD:
// problem`), and the exit code is 2. Stdout therefore never holds a line a script could pair with
// the wrong file.
//
// An input is read strictly: bytes that are not UTF-8 and JSON objects repeating a key are bad
// input (a decoder or JSON.parse would otherwise substitute U+FFFD or keep the last value).

import { readFile } from 'node:fs/promises';
import { rate, toRatingOutput } from '../../domain/rating';
import { formatIssue, parseRatingInput } from '../../domain/rating-input';
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from './io';
import { decodeUtf8, parseStrictJson } from './strict-json';

const USAGE = `Usage: ocop rate FILE...

Rates one product per input file (RULES.md "Command-line contract") and prints one JSON object
per file, one per line, in order. "-" reads one input from standard input.
Bad input is reported on standard error with the file and the field; nothing is printed on
standard output then (so that no line is paired with the wrong file) and the exit code is 2.
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
	// Standard input holds one input: a second "-" would read it already drained, as empty.
	if (files.filter((file) => file === '-').length > 1) {
		io.stderr(
			`ocop rate: "-" is given more than once; standard input holds one input, so "-" may ` +
				`appear once\n`
		);
		return EXIT_BAD_INPUT;
	}
	const lines: string[] = [];
	let failed = false;
	for (const file of files) {
		const checked = await rateOne(file, io);
		if (typeof checked === 'string') {
			lines.push(checked);
			continue;
		}
		failed = true;
		const name = file === '-' ? '<stdin>' : file;
		for (const problem of checked) io.stderr(`ocop rate: ${name}: ${problem}\n`);
	}
	if (failed) return EXIT_BAD_INPUT;
	for (const line of lines) io.stdout(line + '\n');
	return EXIT_OK;
}

/** The output line of one input, or the problems found instead. */
async function rateOne(file: string, io: CliIo): Promise<string | string[]> {
	let text: string | null;
	try {
		if (file !== '-') text = decodeUtf8(await readFile(file));
		else if (io.readStdinBytes) text = decodeUtf8(await io.readStdinBytes());
		else text = (await io.readStdin()).replace(/^\uFEFF/, '');
	} catch (error) {
		return [`cannot read the file (${describeReadError(error)})`];
	}
	if (text === null) return ['the input is not valid UTF-8 text'];
	const json = parseStrictJson(text);
	if (!json.ok) return [json.path ? `${json.path}: ${json.message}` : json.message];
	const parsed = parseRatingInput(json.value);
	if (!parsed.ok) return parsed.errors.map(formatIssue);
	const { rubric, ...input } = parsed.value;
	return JSON.stringify(toRatingOutput(rate(rubric, input)));
}

function describeReadError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file';
	if (code === 'EISDIR') return 'it is a directory';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	// Node reads at most 2 GiB into memory, and a string holds at most 2^29 characters (512 MiB
	// of text): one product's scorecards are a few kilobytes.
	if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG') {
		return 'the file is too large to be a rating input (over 512 MiB)';
	}
	return error instanceof Error ? error.message : String(error);
}
