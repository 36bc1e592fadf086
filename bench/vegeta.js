// Vegeta (github.com/tsenart/vegeta), a maintained open-loop HTTP load tool: it sends each request
// at its scheduled time whatever the answers before it are doing, so a fixed rate stays fixed
// and a slow answer cannot hold back the requests after it (no coordinated omission).
// autocannon's `overallRate` is not that: each connection sends its share of a second back to
// back at the top of every second and then waits, so the server saw the whole second's requests
// in one burst and their latency was the queue of that burst.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const VEGETA_VERSION = 'v12.12.0';

/** The vegeta binary, built once per machine with `go install` (Go module proxy). */
export function ensureVegeta() {
	const tools = process.env.OCOP_TOOLS ?? join(homedir(), '.cache/ocop-tools');
	const bin = join(tools, `vegeta-${VEGETA_VERSION}`);
	if (existsSync(bin)) return bin;
	mkdirSync(tools, { recursive: true });
	const gobin = join(tools, 'gobin-vegeta');
	const r = spawnSync('go', ['install', `github.com/tsenart/vegeta/v12@${VEGETA_VERSION}`], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, GOBIN: gobin }
	});
	if (r.status !== 0)
		throw new Error('go install of vegeta failed (Go and its module proxy are needed)');
	renameSync(join(gobin, 'vegeta'), bin);
	return bin;
}
