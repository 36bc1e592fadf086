import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AccessToken } from 'livekit-server-sdk';
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

/** The Authorization LiveKit sends with a webhook: a token of the key carrying the body's SHA-256. */
export async function signWebhook(body: string, key: string, secret: string): Promise<string> {
	const at = new AccessToken(key, secret);
	at.sha256 = createHash('sha256').update(body).digest('base64');
	return at.toJwt();
}

/**
 * Posts a participant event to the app as LiveKit would (a fresh id, now as its time), signed
 * with the key; returns the app's status. LiveKit sends participant_joined once the media is up,
 * which a signalling-only test client never brings, so tests send the same signed event.
 */
export async function postParticipantEvent(
	appUrl: string,
	key: { key: string; secret: string },
	event: 'participant_joined' | 'participant_left',
	room: string,
	participant: { identity: string; name?: string; metadata?: string }
): Promise<number> {
	const body = JSON.stringify({
		event,
		room: { sid: 'RM_x', name: room },
		participant: {
			sid: `PA_${participant.identity}`,
			name: participant.identity,
			...participant
		},
		id: `EV_${Math.random().toString(36).slice(2)}`,
		createdAt: String(Math.floor(Date.now() / 1000))
	});
	const res = await fetch(`${appUrl}/livekit/webhook`, {
		method: 'POST',
		headers: {
			'content-type': 'application/webhook+json',
			authorization: await signWebhook(body, key.key, key.secret)
		},
		body
	});
	return res.status;
}
