// What every `ocop` subcommand shares with the dispatcher (index.ts). Its own module so the
// subcommands, which index.ts loads, do not import index.ts back.

export interface CliIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	readStdin: () => Promise<string>;
	/** Standard input as bytes, for a command that checks the encoding itself (`ocop rate`). */
	readStdinBytes?: () => Promise<Uint8Array>;
}

export interface CliCommand {
	run: (args: string[], io: CliIo) => Promise<number>;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
