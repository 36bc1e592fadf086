/** `--db FILE`, else DATABASE_URL, else the default file. */
export function databaseArg(
	args: string[]
): { ok: true; path: string; rest: string[] } | { ok: false; error: string } {
	const rest: string[] = [];
	let path = process.env.DATABASE_URL || 'data/ocop.db';
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--db') {
			const value = args[++i];
			if (!value) return { ok: false, error: '--db needs a file path' };
			path = value;
		} else if (args[i].startsWith('--')) {
			return { ok: false, error: `unknown option ${args[i]}` };
		} else rest.push(args[i]);
	}
	return { ok: true, path, rest };
}
