#!/usr/bin/env node
// The `ocop` command. The CLI is TypeScript run through tsx, so it works right after `npm ci`
// without a build step. tsconfig is not read: the project's tsconfig extends the generated
// .svelte-kit/tsconfig.json, which does not exist before `svelte-kit sync`; CLI code therefore
// imports by relative path, not through $lib.
import { register } from 'tsx/esm/api';

register({ tsconfig: false });
const { main } = await import(new URL('../src/lib/server/cli/index.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
