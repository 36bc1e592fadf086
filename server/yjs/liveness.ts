import type { WebSocket } from 'ws';

/** Anything the hub keeps a socket for: answered pings keep it, silence ends it. */
export interface Pingable {
	ws: WebSocket;
	alive: boolean;
}

/** One round of keep-alive: sockets that did not answer the last ping are terminated. */
export function pingRound(targets: Iterable<Pingable>): void {
	for (const t of targets) {
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
