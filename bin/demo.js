#!/usr/bin/env node
// `npm run demo`: seed the demo data once (with sample dossier files), start a local LiveKit
// server when one is installed (so the first sitting has video and attendance), print the
// logins, then start the built app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

register();
// The demo signs its documents with a self-signed certificate made at start (PAdES); a real
// office sets DOCUMENT_P12 to its own .p12 file.
process.env.DOCUMENT_P12 ??= 'demo';
const { appContext } = await import('../src/lib/server/context.ts');
const { seedDemo, DEMO_PASSWORD } = await import('../src/lib/server/seed/demo.ts');
const { seedDemoFiles } = await import('../src/lib/server/seed/demo-files.ts');
const ctx = appContext();
const logins = await seedDemo(ctx.db, Date.now());
await seedDemoFiles(ctx.db, ctx.config.uploadDir, Date.now());

/** The LiveKit binary: LIVEKIT_SERVER_PATH, the one `npm run test:setup` builds, or on PATH. */
function liveKitBinary() {
	const candidates = [
		process.env.LIVEKIT_SERVER_PATH,
		join(homedir(), '.cache/ocop-tools/livekit-server')
	].filter(Boolean);
	const found = candidates.find((p) => existsSync(p));
	if (found) return found;
	const which = spawnSync('sh', ['-c', 'command -v livekit-server'], { encoding: 'utf8' });
	return which.status === 0 ? which.stdout.trim() : null;
}

const portInUse = (port) =>
	new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});

/**
 * Development defaults of the app are LiveKit's own `--dev` ones (ws://127.0.0.1:7880, devkey /
 * secret): a server started here with the webhook pointing at the app needs no configuration.
 */
async function startLiveKit() {
	if (process.env.LIVEKIT_URL || ctx.config.livekit?.url !== 'ws://127.0.0.1:7880') return null;
	if (await portInUse(7880)) {
		console.log('LiveKit: something already listens on 127.0.0.1:7880; using it.');
		return null;
	}
	const binary = liveKitBinary();
	if (!binary) {
		console.log(
			'LiveKit: no server installed, so the sitting has no video. Install one with\n' +
				'  npm run test:setup   (builds livekit-server with `go install`)\n' +
				'or put `livekit-server` on the PATH, then run `npm run demo` again.'
		);
		return null;
	}
	const config = [
		'port: 7880',
		'rtc:',
		'  tcp_port: 7881',
		'  udp_port: 7882',
		'  use_external_ip: false',
		'keys:',
		'  devkey: secret',
		'webhook:',
		'  api_key: devkey',
		'  urls:',
		`    - ${ctx.config.origin}/livekit/webhook`
	].join('\n');
	const child = spawn(binary, ['--dev', '--bind', '127.0.0.1', '--config-body', config], {
		stdio: 'ignore'
	});
	child.once('error', (e) => console.log(`LiveKit did not start: ${e.message}`));
	const stop = () => child.exitCode === null && child.kill('SIGTERM');
	process.once('exit', stop);
	console.log('LiveKit: started on ws://127.0.0.1:7880 with the webhook to the app.');
	return child;
}
await startLiveKit();

console.log('\nDemo logins (password for all: %s)', DEMO_PASSWORD);
for (const l of logins) console.log(`  ${l.email.padEnd(26)} ${l.note}`);
console.log(`\nOpen ${ctx.config.origin}\n`);
await import('../server/main.ts');
