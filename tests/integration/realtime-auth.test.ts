import { beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo } from 'socket.io-client';
import WebSocket from 'ws';
import { createAccount } from '../../src/lib/server/accounts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { useAppServer } from '../helpers/app-server';

const app = useAppServer({
	seed: (ctx) =>
		createAccount(
			ctx.db,
			{ email: 'tv@ocop.vn', name: 'TV', role: 'member', password: 'mat-khau-dai-2026' },
			null,
			ctx.now()
		)
});
let cookie: string;
beforeAll(() => {
	cookie = app.signIn(app.seeded);
});

function socketOutcome(headers: Record<string, string>): Promise<string> {
	return new Promise((resolve) => {
		const socket = connectIo(app.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: headers,
			reconnection: false,
			timeout: 5000
		});
		socket.on('connect', () => {
			socket.close();
			resolve('connected');
		});
		socket.on('connect_error', (err) => {
			socket.close();
			resolve(`refused: ${err.message}`);
		});
	});
}

function yjsOutcome(headers: Record<string, string>, doc = 'scorecard/x/y'): Promise<string> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${app.url.replace('http', 'ws')}/yjs/${doc}`, { headers });
		ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
		ws.on('open', () => ws.once('close', (code) => resolve(`opened, closed ${code}`)));
		ws.on('error', () => undefined);
	});
}

describe('realtime endpoints share the session check', () => {
	const origin = () => ({ origin: app.url });

	it('socket.io refuses a client without a session', async () => {
		expect(await socketOutcome(origin())).toBe('refused: unauthorized');
	});

	it('socket.io refuses a forged session cookie', async () => {
		expect(
			await socketOutcome({ ...origin(), cookie: `${SESSION_COOKIE}=${'a'.repeat(32)}` })
		).toBe('refused: unauthorized');
	});

	it('socket.io accepts a client with a session', async () => {
		expect(await socketOutcome({ ...origin(), cookie })).toBe('connected');
	});

	it('socket.io refuses a foreign origin even with a session', async () => {
		const outcome = await socketOutcome({ origin: 'http://evil.example', cookie });
		expect(outcome).toMatch(/^refused/);
	});

	it('the Yjs endpoint refuses an upgrade without a session', async () => {
		expect(await yjsOutcome(origin())).toBe('http 401');
	});

	it('the Yjs endpoint refuses a foreign origin, and a missing one', async () => {
		expect(await yjsOutcome({ origin: 'http://evil.example', cookie })).toBe('http 403');
		expect(await yjsOutcome({ cookie })).toBe('http 403');
	});

	it('the Yjs endpoint accepts a session, then decides per document', async () => {
		expect(await yjsOutcome({ ...origin(), cookie }, 'no-such-kind/1')).toBe('opened, closed 4404');
	});

	it('answers /healthz', async () => {
		const res = await fetch(`${app.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
		// The headers every answer carries, though it is answered before SvelteKit's hooks.
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});
