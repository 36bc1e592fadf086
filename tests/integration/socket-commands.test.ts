// The typed command client against a real socket.io server on port 0: a success carries the
// ack's data, a refusal keeps the server's code and message, and a server that never answers
// resolves as a timeout (not a rejection, not a string to compare).
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandSocket } from '../../src/lib/client/socket-commands';
import type { AckFn } from '../../src/lib/protocol/socket';

interface Commands {
	echo: (payload: { n: number }, ack: AckFn<{ twice: number }>) => void;
	refuse: (payload: { why: string }, ack: AckFn) => void;
	silent: (payload: Record<string, never>, ack: AckFn) => void;
}
interface Events {
	tick: (at: number) => void;
}

let http: HttpServer;
let server: Server;
let url: string;

beforeAll(async () => {
	http = createServer();
	server = new Server(http);
	server.on('connection', (s) => {
		s.on('echo', (p: { n: number }, ack: AckFn<{ twice: number }>) =>
			ack({ ok: true, data: { twice: p.n * 2 } })
		);
		s.on('refuse', (p: { why: string }, ack: AckFn) =>
			ack({ ok: false, error: { code: 'forbidden', message: p.why } })
		);
		s.on('silent', () => undefined);
		s.emit('tick', 42);
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await server.close();
});

function client(timeoutMs = 2_000) {
	return new CommandSocket<Commands, Events>(
		io(url, { transports: ['websocket'], forceNew: true }),
		timeoutMs
	);
}

describe('typed socket commands', () => {
	it('resolves a success with the data of the ack, and hears typed events', async () => {
		const c = client();
		const tick = new Promise<number>((resolve) => c.on('tick', resolve));
		expect(await c.send('echo', { n: 21 })).toEqual({ ok: true, data: { twice: 42 } });
		expect(await tick).toBe(42);
		c.close();
	});

	it('marks a refusal as refused, with the server code and message', async () => {
		const c = client();
		const r = await c.send('refuse', { why: 'không được' });
		expect(r).toEqual({
			ok: false,
			failure: 'refused',
			error: { code: 'forbidden', message: 'không được' }
		});
		c.close();
	});

	it('marks an unanswered command as a timeout', async () => {
		const c = client(200);
		const r = await c.send('silent', {});
		expect(r.ok).toBe(false);
		expect(!r.ok && r.failure).toBe('timeout');
		c.close();
	});

	it('reports connection changes', async () => {
		const c = client();
		const seen: boolean[] = [];
		const up = new Promise<void>((resolve) =>
			c.onConnection((v) => {
				seen.push(v);
				if (v) resolve();
			})
		);
		await up;
		c.close();
		expect(seen[0]).toBe(true);
	});

	it('reports a first connection that fails as not connected (not left unknown)', async () => {
		// A port nobody listens on: the first attempt fails, no 'disconnect' ever comes.
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const c = new CommandSocket<Commands, Events>(
			io(`http://127.0.0.1:${port}`, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false
			}),
			2_000
		);
		const first = await new Promise<boolean>((resolve) => c.onConnection(resolve));
		c.close();
		expect(first).toBe(false);
	});

	it('takes a socket that comes later: listeners set before it hear, commands wait for it', async () => {
		let give!: (s: ReturnType<typeof io>) => void;
		const later = new Promise<ReturnType<typeof io>>((resolve) => (give = resolve));
		const c = new CommandSocket<Commands, Events>(later, 2_000);
		const tick = new Promise<number>((resolve) => c.on('tick', resolve));
		const up = new Promise<boolean>((resolve) => c.onConnection(resolve));
		const answer = c.send('echo', { n: 4 });
		await new Promise((resolve) => setTimeout(resolve, 50));
		give(io(url, { transports: ['websocket'], forceNew: true }));
		expect(await up).toBe(true);
		expect(await tick).toBe(42);
		expect(await answer).toEqual({ ok: true, data: { twice: 8 } });
		c.close();
	});

	it('says once when the socket never comes, and its commands fail instead of hanging', async () => {
		const c = new CommandSocket<Commands, Events>(Promise.reject(new Error('chunk')), 2_000);
		let told = 0;
		c.onUnavailable(() => told++);
		const sent = await c.send('echo', { n: 1 });
		expect(sent.ok).toBe(false);
		expect(!sent.ok && sent.failure).toBe('timeout');
		expect(told).toBe(1);
		// A listener set after the failure is told too.
		c.onUnavailable(() => told++);
		expect(told).toBe(2);
	});

	it('closes a socket that comes after it was closed', async () => {
		let give!: (s: ReturnType<typeof io>) => void;
		const c = new CommandSocket<Commands, Events>(
			new Promise<ReturnType<typeof io>>((resolve) => (give = resolve))
		);
		c.close();
		const s = io(url, { transports: ['websocket'], forceNew: true });
		give(s);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(s.active).toBe(false);
	});
});
