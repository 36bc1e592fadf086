#!/usr/bin/env node
// The `ocop` command. The CLI is TypeScript run through tsx, so it works right after `npm ci`
// without a build step. tsconfig is not read: the project's tsconfig extends the generated
// .svelte-kit/tsconfig.json, which does not exist before `svelte-kit sync`; CLI code therefore
// imports by relative path, not through $lib.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
// A reader that stops early (`ocop rate *.json | head -1`) closes the pipe: the lines it did not
// want are no failure of the command, so it stops quietly, as Unix tools do, not with a stack.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	process.stderr.write(`ocop: cannot write the output (${error.message})\n`);
	process.exit(1);
});
const { main } = await import(new URL('../src/lib/server/cli/index.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
