import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { releaseFragments, type FragmentsHolder } from '../../server/yjs/receiver-arrays';

/**
 * The hub empties a socket's previous message array once the next message is read
 * (server/yjs/receiver-arrays.ts): an old array still holding a handled message kept that
 * message alive through the young generation's collections. These check it against the real ws
 * receiver, so a ws that stops handing out a new array per message fails here.
 */
describe('releaseFragments', () => {
	let wss: WebSocketServer | null = null;
	afterEach(() => wss?.close());

	it('empties the array of the message before, and holds the current one', async () => {
		const seen: { before: unknown[] | null; now: unknown[] | null; data: Buffer }[] = [];
		const holder: FragmentsHolder = { fragments: null };
		wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		await new Promise((resolve) => wss!.once('listening', resolve));
		const got = new Promise<void>((resolve) => {
			wss!.on('connection', (ws) => {
				ws.on('message', (data: Buffer) => {
					const before = holder.fragments;
					releaseFragments(ws, holder);
					seen.push({ before, now: holder.fragments, data });
					if (seen.length === 3) resolve();
				});
			});
		});
		const { port } = wss.address() as { port: number };
		const client = new WebSocket(`ws://127.0.0.1:${port}`);
		await new Promise((resolve) => client.once('open', resolve));
		for (const n of [1, 2, 3]) client.send(Buffer.from([n, n, n]));
		await got;
		client.close();

		expect(seen.map((s) => [...s.data])).toEqual([
			[1, 1, 1],
			[2, 2, 2],
			[3, 3, 3]
		]);
		expect(seen[0].before).toBeNull();
		for (let i = 0; i < 3; i++) expect(Array.isArray(seen[i].now)).toBe(true);
		// The array held after a message is the one the next message was read into: emptied then.
		for (let i = 1; i < 3; i++) {
			expect(seen[i].before).toBe(seen[i - 1].now);
			expect(seen[i].before).not.toBe(seen[i].now);
			expect(seen[i].before).toHaveLength(0);
		}
	});

	it('is a no-op on a socket without a receiver array', () => {
		const holder: FragmentsHolder = { fragments: null };
		releaseFragments({} as WebSocket, holder);
		expect(holder.fragments).toBeNull();
	});
});
