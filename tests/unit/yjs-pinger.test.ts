import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { PING_ROUND_MS, PING_ROUNDS, Pinger, type Pingable } from '../../server/yjs/liveness';

function socket() {
	const t = {
		alive: true,
		pings: 0,
		terminated: false,
		pong: () => {},
		ws: {} as WebSocket
	};
	t.ws = {
		on: (event: string, listener: () => void) => event === 'pong' && (t.pong = listener),
		ping: () => t.pings++,
		terminate: () => (t.terminated = true)
	} as unknown as WebSocket;
	return t as Pingable & { pings: number; terminated: boolean; pong: () => void };
}

const CYCLE_MS = PING_ROUND_MS * PING_ROUNDS;

describe('Pinger', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('pings every socket once per 30 s, a few at a time, and ends the silent ones', () => {
		const pinger = new Pinger();
		const all = Array.from({ length: 3000 }, socket);
		for (const t of all) pinger.add(t);
		let most = 0;
		for (let ms = 0; ms < CYCLE_MS; ms += PING_ROUND_MS) {
			const before = all.reduce((n, t) => n + t.pings, 0);
			vi.advanceTimersByTime(PING_ROUND_MS);
			most = Math.max(most, all.reduce((n, t) => n + t.pings, 0) - before);
		}
		expect(CYCLE_MS).toBe(30_000);
		expect(all.every((t) => t.pings === 1)).toBe(true);
		// Spread: no round carries more than a few times its share (3000 / 300 = 10).
		expect(most).toBeLessThan(40);
		// Half answer; the other half are terminated when their round comes again.
		all.forEach((t, i) => (t.alive = i % 2 === 0));
		vi.advanceTimersByTime(CYCLE_MS);
		expect(all.filter((t) => t.terminated)).toHaveLength(1500);
		expect(all.every((t, i) => t.terminated === (i % 2 === 1))).toBe(true);
		pinger.stop();
	});

	it('forgets a removed socket and stops with its timer', () => {
		const pinger = new Pinger();
		const kept = socket();
		const gone = socket();
		pinger.add(kept);
		pinger.add(gone);
		pinger.remove(gone);
		pinger.remove(gone); // twice is harmless
		vi.advanceTimersByTime(CYCLE_MS);
		expect([kept.pings, gone.pings]).toEqual([1, 0]);
		// The pinger listens for the answer itself: a pong keeps the socket for the next round.
		expect(kept.alive).toBe(false);
		kept.pong();
		expect(kept.alive).toBe(true);
		pinger.stop();
		vi.advanceTimersByTime(CYCLE_MS);
		expect(kept.pings).toBe(1);
	});
});
