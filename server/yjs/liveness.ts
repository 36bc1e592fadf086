import type { WebSocket } from 'ws';

/** Anything the hub keeps a socket for: answered pings keep it, silence ends it. */
export interface Pingable {
	ws: WebSocket;
	alive: boolean;
}

/** A round every this many milliseconds... */
export const PING_ROUND_MS = 100;
/** ...and every socket pinged once per this many rounds: every 30 s. */
export const PING_ROUNDS = 300;

/**
 * Keep-alive: every socket is pinged once every 30 s, in one of 300 rounds (one every 100 ms)
 * drawn at random when it is added. Pinging thousands of sockets in one go stalls the event loop
 * (a benchmark showed 180 ms every 30 s); a 30th of them once a second still put 170 pings and
 * their pongs in one burst, and the slowest ticks of a benchmark run came once a second. A round
 * touches only its own sockets. A socket that did not answer its last ping is terminated (its
 * close handler then removes it).
 */
export class Pinger {
	private readonly rounds: Set<Pingable>[] = Array.from({ length: PING_ROUNDS }, () => new Set());
	private readonly roundOf = new Map<Pingable, number>();
	private next = 0;
	private readonly timer: NodeJS.Timeout;

	constructor() {
		this.timer = setInterval(() => this.round(), PING_ROUND_MS);
		this.timer.unref();
	}

	/** Follows the socket from now on: its pongs keep it, until `remove` (on its close). */
	add(target: Pingable): void {
		target.ws.on('pong', () => (target.alive = true));
		const round = Math.floor(Math.random() * PING_ROUNDS);
		this.roundOf.set(target, round);
		this.rounds[round].add(target);
	}

	remove(target: Pingable): void {
		const round = this.roundOf.get(target);
		if (round === undefined) return;
		this.roundOf.delete(target);
		this.rounds[round].delete(target);
	}

	stop(): void {
		clearInterval(this.timer);
	}

	private round(): void {
		const due = this.rounds[this.next];
		this.next = (this.next + 1) % PING_ROUNDS;
		for (const t of due) {
			if (!t.alive) t.ws.terminate();
			else {
				t.alive = false;
				t.ws.ping();
			}
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
