import { rooms } from '../../src/lib/protocol/socket';
import type { LiveFacts } from '../../src/lib/server/scoring/board';
import { boardOf } from '../../src/lib/server/scoring/watch';
import type { RealtimeDeps } from '../socket';
import { yjsHub } from '../yjs/hub';
import { presentMembers } from './presence';

/** Board updates are coalesced: at most one per item per this many milliseconds. */
const BOARD_EVERY_MS = 250;

/**
 * Sends the chair's board to rooms.sittingStaff when something on it changed. Only items a
 * staff member watches are followed, and nothing is computed while their room is empty.
 */
export class BoardFeed {
	private readonly watched = new Map<string, string>();
	private readonly pending = new Map<string, NodeJS.Timeout>();
	/** itemId → members whose draft changed since the last progress message. */
	private readonly drafts = new Map<string, Set<string>>();

	constructor(private readonly deps: RealtimeDeps) {
		yjsHub(deps.ctx).onCardChange((itemId, userId, kind) =>
			kind === 'draft' ? this.draft(itemId, userId) : this.touch(itemId)
		);
	}

	/**
	 * A tick on a draft changes only that member's "answered": send just that, from memory, at
	 * most once per interval per item, instead of recomputing the board from the database.
	 */
	private draft(itemId: string, userId: string): void {
		const sittingId = this.watched.get(itemId);
		if (!sittingId) return;
		let users = this.drafts.get(itemId);
		if (users) return void users.add(userId);
		this.drafts.set(itemId, (users = new Set([userId])));
		const timer = setTimeout(() => {
			this.drafts.delete(itemId);
			const room = rooms.sittingStaff(sittingId);
			if (!this.deps.io.sockets.adapter.rooms.get(room)?.size) return;
			const hub = yjsHub(this.deps.ctx);
			const members = [...users].map((id) => ({
				userId: id,
				answered: Object.keys(hub.liveChoices(itemId, id) ?? {}).length
			}));
			this.deps.io.to(room).emit('board:progress', { itemId, members });
		}, BOARD_EVERY_MS);
		timer.unref();
	}

	liveFacts(sittingId: string, itemId: string): LiveFacts {
		const present = presentMembers(this.deps, sittingId);
		const hub = yjsHub(this.deps.ctx);
		return {
			attendance: { presentIds: [...present] },
			connected: present,
			liveAnswered: (userId) => {
				const choices = hub.liveChoices(itemId, userId);
				return choices ? Object.keys(choices).length : null;
			}
		};
	}

	watch(itemId: string, sittingId: string): void {
		this.watched.set(itemId, sittingId);
	}

	/** Something changed on the item: schedule one board for its staff room. */
	touch(itemId: string): void {
		const sittingId = this.watched.get(itemId);
		if (!sittingId || this.pending.has(itemId)) return;
		const timer = setTimeout(() => {
			this.pending.delete(itemId);
			this.send(itemId, sittingId);
		}, BOARD_EVERY_MS);
		timer.unref();
		this.pending.set(itemId, timer);
	}

	/** A presence change touches every watched item of the sitting. */
	touchSitting(sittingId: string): void {
		for (const [itemId, s] of this.watched) if (s === sittingId) this.touch(itemId);
	}

	private send(itemId: string, sittingId: string): void {
		const room = rooms.sittingStaff(sittingId);
		if (!this.deps.io.sockets.adapter.rooms.get(room)?.size) return;
		try {
			const board = boardOf(this.deps.ctx.db, itemId, this.liveFacts(sittingId, itemId));
			if (board) this.deps.io.to(room).emit('board:update', board);
		} catch (e) {
			console.error('board update failed', e);
		}
	}
}

const feeds = new WeakMap<RealtimeDeps['io'], BoardFeed>();

export function boardFeed(deps: RealtimeDeps): BoardFeed {
	let feed = feeds.get(deps.io);
	if (!feed) feeds.set(deps.io, (feed = new BoardFeed(deps)));
	return feed;
}
