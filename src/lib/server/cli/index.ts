// `ocop` subcommand dispatcher. Commands load lazily so that `ocop rate` never pays for the
// database or the server code another command needs. Adding a command is one line in COMMANDS.

import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliCommand, type CliIo } from './io';

export { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, type CliCommand, type CliIo } from './io';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
	rate: {
		summary: 'rate products from scorecard JSON files (FILE... or - for stdin)',
		load: () => import('./rate')
	},
	backup: {
		summary: 'copy the live database consistently to a file (DEST [--db FILE])',
		load: () => import('./backup')
	},
	chain: {
		summary: 'check the chain of locked results in the database ([--db FILE])',
		load: () => import('./chain')
	},
	verify: {
		summary: 'check exported locked-result bundles (BUNDLE...)',
		load: () => import('./verify')
	}
};

export function usage(): string {
	const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
	const lines = Object.entries(COMMANDS).map(
		([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`
	);
	return [
		'Usage: ocop <command> [options]',
		'',
		'Commands:',
		...lines,
		'',
		'Run "ocop <command> --help" for the options of a command.',
		''
	].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		(name === undefined ? io.stderr : io.stdout)(usage());
		return name === undefined ? EXIT_BAD_INPUT : EXIT_OK;
	}
	const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	if (!command) {
		io.stderr(`ocop: unknown command "${name}"\n\n${usage()}`);
		return EXIT_BAD_INPUT;
	}
	try {
		return await (await command.load()).run(args, io);
	} catch (error) {
		// Expected failures are reported by the command itself; this is a bug or a broken install.
		// One line a person can act on; the stack only when asked for (OCOP_DEBUG=1).
		const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		io.stderr(
			`ocop ${name}: internal error (${what}); please report it with the input that caused it ` +
				`(OCOP_DEBUG=1 shows where it failed)\n` +
				(process.env.OCOP_DEBUG && error instanceof Error ? `${error.stack}\n` : '')
		);
		return EXIT_FAILURE;
	}
}

export function processIo(): CliIo {
	return {
		stdout: (text) => void process.stdout.write(text),
		stderr: (text) => void process.stderr.write(text),
		readStdin: async () => (await readStdinBytes()).toString('utf8'),
		readStdinBytes
	};
}

async function readStdinBytes(): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
