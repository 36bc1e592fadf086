import { rooms } from '../../src/lib/protocol/socket';
import type { LiveFacts } from '../../src/lib/server/scoring/board';
import { boardOf } from '../../src/lib/server/scoring/watch';
import type { AppContext } from '../../src/lib/server/context';
import type { AppIo } from '../realtime-types';
import type { YjsHub } from '../yjs/hub';

/** What the feed reads: the live sitting that owns it (live-sitting.ts) provides all of it. */
export interface BoardSources {
	ctx: AppContext;
	io: AppIo;
	hub: YjsHub;
	presentMembers(sittingId: string): Set<string>;
}

/** Board updates are coalesced: at most one per item per this many milliseconds. */
const BOARD_EVERY_MS = 250;

/**
 * Sends the chair's board (submits, figures, who is connected) to rooms.sittingStaff when
 * something on it changed. Only items a staff member watches are followed, and nothing is
 * computed while their room is empty. A tick on a draft is not one of those changes: the board
 * page reads drafts from the Yjs board stream (`board/<itemId>`), the one channel for them.
 */
export class BoardFeed {
	/** itemId → its sitting, for the items a staff member watches. */
	private readonly watched = new Map<string, string>();
	private readonly pending = new Map<string, NodeJS.Timeout>();
	private closed = false;

	constructor(private readonly sitting: BoardSources) {
		// Opening or closing a card changes "connected"; a draft's ticks reach the page over Yjs.
		sitting.hub.onPresenceChange((itemId) => this.touch(itemId));
	}

	liveFacts(sittingId: string, itemId: string): LiveFacts {
		const present = this.sitting.presentMembers(sittingId);
		return {
			attendance: { presentIds: [...present] },
			connected: present,
			liveAnswered: (userId) => this.sitting.hub.answeredOnOpenCard(itemId, userId)
		};
	}

	watch(itemId: string, sittingId: string): void {
		this.watched.set(itemId, sittingId);
	}

	/** Something changed on the item: schedule one board for its staff room. */
	touch(itemId: string): void {
		const sittingId = this.watched.get(itemId);
		if (this.closed || !sittingId || this.pending.has(itemId)) return;
		const timer = setTimeout(() => {
			this.pending.delete(itemId);
			this.send(itemId, sittingId);
		}, BOARD_EVERY_MS);
		timer.unref();
		this.pending.set(itemId, timer);
	}

	/** The server is closing: the scheduled boards are dropped, and no more are scheduled. */
	close(): void {
		this.closed = true;
		for (const timer of this.pending.values()) clearTimeout(timer);
		this.pending.clear();
	}

	/** A presence change touches every watched item of the sitting. */
	touchSitting(sittingId: string): void {
		for (const [itemId, watchedSitting] of this.watched)
			if (watchedSitting === sittingId) this.touch(itemId);
	}

	private send(itemId: string, sittingId: string): void {
		const { io, ctx } = this.sitting;
		const room = rooms.sittingStaff(sittingId);
		if (!io.sockets.adapter.rooms.get(room)?.size) return;
		try {
			const board = boardOf(ctx.db, itemId, this.liveFacts(sittingId, itemId));
			if (board) io.to(room).emit('board:update', board);
		} catch (e) {
			console.error('board update failed', e);
		}
	}
}
