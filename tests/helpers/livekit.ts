import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './app-process';

export const LIVEKIT_BINARY =
	process.env.LIVEKIT_SERVER_PATH ?? join(homedir(), '.cache/ocop-tools/livekit-server');

export const LIVEKIT_KEY = 'devkey';
export const LIVEKIT_SECRET = 'secret';

export interface LiveKitProcess {
	/** ws:// address for clients and the SDK. */
	url: string;
	httpUrl: string;
	/** The single UDP port all media goes through (a test may put a relay in front of it). */
	udpPort: number;
	output: () => string;
	stop(hard?: boolean): Promise<void>;
}

export function liveKitInstalled(): boolean {
	return existsSync(LIVEKIT_BINARY);
}

/**
 * A real LiveKit server on loopback, with its own signalling, TCP and UDP ports so that tests
 * never collide with a developer's `livekit-server --dev` on 7880/7881/7882.
 */
export async function startLiveKit(
	options: { webhookUrl?: string; port?: number; key?: string; secret?: string } = {}
): Promise<LiveKitProcess> {
	const port = options.port ?? (await freePort());
	const key = options.key ?? LIVEKIT_KEY;
	const secret = options.secret ?? LIVEKIT_SECRET;
	const tcpPort = await freePort();
	const udpPort = await freePort();
	const config = [
		`port: ${port}`,
		'rtc:',
		`  tcp_port: ${tcpPort}`,
		`  udp_port: ${udpPort}`,
		'  use_external_ip: false',
		'  node_ip: 127.0.0.1',
		'keys:',
		`  ${key}: ${secret}`,
		'logging:',
		'  level: info',
		...(options.webhookUrl
			? ['webhook:', `  api_key: ${key}`, '  urls:', `    - ${options.webhookUrl}`]
			: [])
	].join('\n');
	let log = '';
	const child: ChildProcess = spawn(
		LIVEKIT_BINARY,
		['--dev', '--bind', '127.0.0.1', '--config-body', config],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const httpUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`livekit-server exited early:\n${log}`);
		try {
			if ((await fetch(httpUrl)).ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`livekit-server did not start in 20 s:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		url: `ws://127.0.0.1:${port}`,
		httpUrl,
		udpPort,
		output: () => log,
		/** SIGTERM makes LiveKit drain its rooms; after 3 s (or at once when `hard`) it is killed. */
		async stop(hard = false) {
			if (child.exitCode === null && child.signalCode === null)
				child.kill(hard ? 'SIGKILL' : 'SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
			await exited;
			clearTimeout(timer);
		}
	};
}
