import type { WebSocket } from 'ws';
import { BOARD_NOTES_KEY, type DocRef } from '../../src/lib/protocol/yjs-docs';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { closeWith, refuseYjs } from '../../src/lib/server/refusal';
import {
	decideBoardAccess,
	openRefusal,
	type DocFacts
} from '../../src/lib/server/scoring/doc-access';
import type { BoardWatcher, LiveDoc } from '../realtime-types';
import type { Pinger } from './liveness';
import { boardFullFrame, boardUpdateFrame } from './messages';

/** A watcher's access is re-read at most this often while updates flow to it. */
const RECHECK_MS = 1000;

/** What the board needs from the hub that owns the documents. */
export interface BoardHost {
	open(ref: DocRef): LiveDoc;
	/** Unloads the document when nobody has it open any more. */
	release(live: LiveDoc): void;
	send(ws: WebSocket, bytes: Uint8Array): void;
	facts(ref: DocRef, userId: string): DocFacts | null;
	owners(itemId: string): string[];
	watchers: Set<BoardWatcher>;
	pinger: Pinger;
}

export const boardKeyOf = (ref: DocRef) => (ref.kind === 'card' ? ref.userId : BOARD_NOTES_KEY);

const mayWatch = (host: BoardHost, itemId: string, userId: string) =>
	decideBoardAccess(host.facts({ kind: 'notes', itemId }, userId));

/**
 * A `board/<itemId>` connection: every card of the item and its notes, read-only, over one
 * socket. The watcher first gets each document whole, then every update as it is committed.
 */
export function openBoard(host: BoardHost, ws: WebSocket, user: SessionUser, itemId: string) {
	const access = mayWatch(host, itemId, user.id);
	const refused = openRefusal(access);
	if (refused) return closeWith(ws, refused);
	const w: BoardWatcher = { ws, user, itemId, docs: [], checkedAt: Date.now(), alive: true };
	const refs: DocRef[] = [
		...host.owners(itemId).map((userId): DocRef => ({ kind: 'card', itemId, userId })),
		{ kind: 'notes', itemId }
	];
	ws.binaryType = 'nodebuffer';
	for (const ref of refs) {
		const live = host.open(ref);
		live.watchers.add(w);
		w.docs.push(live);
		host.send(ws, boardFullFrame(boardKeyOf(ref), live.doc));
	}
	host.watchers.add(w);
	host.pinger.add(w);
	// Nothing is accepted from a watcher: the board is read-only by construction.
	ws.on('message', () => refuseYjs(ws, 'forbidden', 'errors.liveReadOnly'));
	ws.on('close', () => {
		host.watchers.delete(w);
		host.pinger.remove(w);
		for (const live of w.docs) {
			live.watchers.delete(w);
			host.release(live);
		}
	});
}

/** The person's boards are decided again now (their seat on the council changed). */
export function recheckWatchers(host: BoardHost, userId: string): void {
	for (const w of host.watchers) {
		if (w.user.id !== userId) continue;
		w.checkedAt = Date.now();
		if (mayWatch(host, w.itemId, userId) !== 'read')
			refuseYjs(w.ws, 'forbidden', 'scoring.errors.forbidden');
	}
}

/** Sends one committed update to the document's watchers (encoded once for all of them). */
export function fanOutToBoards(host: BoardHost, live: LiveDoc, update: Uint8Array): void {
	if (live.watchers.size === 0) return;
	const bytes = boardUpdateFrame(boardKeyOf(live.ref), update);
	const now = Date.now();
	for (const w of live.watchers) {
		if (now - w.checkedAt > RECHECK_MS) {
			w.checkedAt = now;
			if (mayWatch(host, w.itemId, w.user.id) !== 'read') {
				refuseYjs(w.ws, 'forbidden', 'scoring.errors.forbidden');
				continue;
			}
		}
		host.send(w.ws, bytes);
	}
}
