import type { WebSocket } from 'ws';

/** Anything the hub keeps a socket for: answered pings keep it, silence ends it. */
export interface Pingable {
	ws: WebSocket;
	alive: boolean;
}

/** Every socket is pinged once per this many rounds (one round a second: every 30 s). */
export const PING_ROUNDS = 30;
const slots = new WeakMap<Pingable, number>();

/**
 * One round of keep-alive over a 30th of the sockets, each in a slot of its own drawn at random:
 * pinging thousands of sockets in one go stalls the event loop (a benchmark showed 180 ms every
 * 30 s), a 30th of them does not. A socket that did not answer its last ping is terminated.
 */
export function pingRound(targets: Iterable<Pingable>, round: number): void {
	const slot = round % PING_ROUNDS;
	for (const t of targets) {
		let mine = slots.get(t);
		if (mine === undefined) slots.set(t, (mine = Math.floor(Math.random() * PING_ROUNDS)));
		if (mine !== slot) continue;
		if (!t.alive) t.ws.terminate();
		else {
			t.alive = false;
			t.ws.ping();
		}
	}
}

/**
 * itemId → userId → open connections, for presence at close time and the board. `track`
 * answers whether the user's presence on the item changed (first connection, or last gone).
 */
export class ItemPresence {
	private readonly items = new Map<string, Map<string, number>>();

	track(itemId: string, userId: string, delta: number): boolean {
		let users = this.items.get(itemId);
		if (!users) this.items.set(itemId, (users = new Map()));
		const n = (users.get(userId) ?? 0) + delta;
		if (n > 0) users.set(userId, n);
		else users.delete(userId);
		if (users.size === 0) this.items.delete(itemId);
		return n === 0 || (n === 1 && delta === 1);
	}

	users(itemId: string): Set<string> {
		return new Set(this.items.get(itemId)?.keys() ?? []);
	}
}
