import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../helpers/app-process';

/**
 * The benchmark's floor (bench/floor-server.js) stands for the least a server of each protocol
 * must do: it is only a floor if it delivers what the servers deliver, to whom they deliver it.
 * Here on real sockets: a member's update reaches its sitting's board with the card's key in
 * front (the app's frame) and the card's other sockets as it came (y-websocket), and nothing
 * else is relayed.
 */
describe('bench: the floor relay', () => {
	let child: ChildProcess;
	let url = '';
	const open: WebSocket[] = [];

	beforeAll(async () => {
		const port = await freePort();
		child = spawn(process.execPath, ['bench/floor-server.js'], {
			env: { ...process.env, PORT: String(port) },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		await new Promise<void>((resolve) =>
			child.stdout!.on('data', (d) => String(d).includes('listening') && resolve())
		);
		url = `ws://127.0.0.1:${port}/yjs/`;
	});
	afterAll(() => {
		for (const ws of open) ws.terminate();
		child.kill();
	});

	async function socket(name: string): Promise<{ ws: WebSocket; got: Buffer[] }> {
		const ws = new WebSocket(url + name);
		open.push(ws);
		const got: Buffer[] = [];
		ws.on('message', (d: Buffer) => got.push(d));
		await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
		return { ws, got };
	}
	const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

	it("sends a member's update to the board with the card's key, and to the card's other sockets", async () => {
		const board = await socket('board/i1');
		const otherBoard = await socket('board/i2');
		const member = await socket('card/i1/m1');
		const watcher = await socket('card/i1/m1');
		const otherCard = await socket('card/i1/m2');
		const update = Buffer.from([0, 2, 3, 7, 8, 9]);
		member.ws.send(update);
		await settle();
		// 101 (board frame), the key as a var string ("m1"), then the frame as the member sent it.
		expect(board.got).toEqual([Buffer.from([101, 2, 0x6d, 0x31, ...update])]);
		expect(watcher.got).toEqual([update]);
		expect(member.got).toEqual([]);
		expect(otherCard.got).toEqual([]);
		expect(otherBoard.got).toEqual([]);
	});

	it('relays nothing but sync updates', async () => {
		const board = await socket('board/i3');
		const member = await socket('card/i3/m1');
		const watcher = await socket('card/i3/m1');
		member.ws.send(Buffer.from([0, 0, 1, 0])); // sync step 1
		member.ws.send(Buffer.from([1, 1, 0])); // awareness
		await settle();
		expect(board.got).toEqual([]);
		expect(watcher.got).toEqual([]);
	});
});
