import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { timeWaitCount } from '../../bench/proc.js';

/**
 * The benchmark's load generator ends its sockets with a reset: a socket closed the ordinary way
 * stays in TIME_WAIT for 60 s and the kernel reaps it inside the next run's measured window
 * (bench/report.js, "What moved the numbers" 20). Checked on the kernel's own table.
 */
describe('bench: connections left in TIME_WAIT', () => {
	let server: Server | null = null;
	afterEach(() => server?.close());

	async function openPair(): Promise<{ client: Socket; port: number; closed: Promise<void> }> {
		let serverSide: Socket | null = null;
		let closed!: () => void;
		const whenClosed = new Promise<void>((resolve) => (closed = resolve));
		server = createServer((s) => {
			serverSide = s;
			s.on('error', () => {});
			s.on('end', () => s.end());
			s.on('close', () => closed());
		});
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		const client = connect(port, '127.0.0.1');
		client.on('error', () => {});
		await new Promise<void>((resolve) => client.once('connect', resolve));
		while (!serverSide) await new Promise((resolve) => setTimeout(resolve, 5));
		return { client, port, closed: whenClosed };
	}

	it.runIf(process.platform === 'linux')(
		'counts a connection closed the ordinary way',
		async () => {
			const { client, port, closed } = await openPair();
			expect(timeWaitCount(port)).toBe(0);
			client.end();
			await closed;
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(timeWaitCount(port)).toBe(1);
		}
	);

	it.runIf(process.platform === 'linux')('leaves nothing after a reset', async () => {
		const { client, port, closed } = await openPair();
		client.resetAndDestroy();
		await closed;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(timeWaitCount(port)).toBe(0);
	});
});
