// nginx for the public pages' throughput anchor: Debian's package, installed by the bench when the
// machine has none (as Chromium and Vegeta are fetched when missing), so that a fresh machine
// measures the anchor instead of writing "not measured". The package's own service is not started:
// the bench runs its own nginx, one worker on a generated configuration (side-loads.js).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

const PLACES = ['/usr/sbin/nginx', '/usr/bin/nginx'];
const found = () => PLACES.find((p) => existsSync(p)) ?? null;

/**
 * The nginx binary, installed with apt-get if absent and the bench may (root, apt-get present);
 * null when it cannot be had, with the reason logged by the caller.
 */
export function ensureNginx(log = console.error) {
	const have = found();
	if (have) return { path: have, error: null };
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
		return { path: null, error: 'nginx not installed (and not root to install it)' };
	log('nginx: installing Debian’s package for the throughput anchor…');
	// Debian's maintainer scripts start an installed service unless policy-rc.d says no (101):
	// the bench's nginx is its own, and port 80 stays free.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const opts = { env, stdio: ['ignore', 'ignore', 'inherit'] };
		spawnSync('apt-get', ['update', '-qq'], opts);
		const r = spawnSync('apt-get', ['install', '-y', '-qq', 'nginx'], opts);
		if (r.status !== 0) return { path: null, error: `apt-get install nginx failed (${r.status})` };
	} finally {
		if (ownPolicy) rmSync(policy, { force: true });
	}
	const path = found();
	return path ? { path, error: null } : { path: null, error: 'nginx not found after install' };
}
