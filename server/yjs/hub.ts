import type { IncomingMessage } from 'node:http';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import {
	answeredOnCard,
	cardDocName,
	choicesOnCard,
	formatDocName,
	parseBoardName,
	parseDocName,
	type DocRef
} from '../../src/lib/protocol/yjs-docs';
import { readsAllCards } from '../../src/lib/domain/meeting';
import type { AppContext } from '../../src/lib/server/context';
import { closeWith, refuseYjs } from '../../src/lib/server/refusal';
import {
	boardOwnersReader,
	decideDocAccess,
	docFactsReader,
	openRefusal,
	type DocAccess
} from '../../src/lib/server/scoring/doc-access';
import { fanOutToBoards, openBoard, recheckWatchers, type BoardHost } from './board';
import type { DocConnection, LiveDoc, PresenceListener } from '../realtime-types';
import { releaseFragments } from './receiver-arrays';
import { forgetPresence, onPresence, presenceBucket } from './presence';
import type { YjsConnection } from './endpoint';
import {
	MSG_AUTH,
	MSG_AWARENESS,
	MSG_QUERY_AWARENESS,
	MSG_SYNC,
	SYNC_STEP1,
	SYNC_STEP2,
	SYNC_UPDATE,
	awarenessFrame,
	savedFrame,
	syncStep1,
	syncStep2,
	syncUpdate
} from './messages';
import { COMPACT_AFTER_ROWS, YjsStore } from './store';
import { applyUpdate, isNoopUpdate } from './updates';
import { DocAwareness, EMPTY_AWARENESS_UPDATE } from './doc-awareness';
import { WriteBehind } from './write-behind';
import { ItemPresence, Pinger } from './liveness';

/** A card is a few hundred bytes and notes a few pages; a document past this is abuse. */
export const MAX_DOC_BYTES = 2 * 1024 * 1024;

/**
 * What one member may write into an item's shared notes over their life (every keystroke's
 * update counts, deletions too): about 20,000 keystrokes, pages of notes. Without it one member
 * could fill the document (MAX_DOC_BYTES) and no one else could write. The chair and the
 * secretary, who keep the record, write up to the document's own limit.
 */
export const NOTES_MEMBER_SHARE_BYTES = 512 * 1024;

/**
 * The Yjs side of the realtime server: documents in memory while someone has them open, every
 * accepted update appended to SQLite before it is broadcast, and access re-checked per message.
 */
export class YjsHub {
	private readonly docs = new Map<string, LiveDoc>();
	private readonly presence = new ItemPresence();
	private readonly store: YjsStore;
	private readonly writes: WriteBehind;
	private readonly facts;
	private readonly listeners = new Set<PresenceListener>();
	private readonly pinger = new Pinger();
	private readonly board: BoardHost;

	constructor(ctx: AppContext) {
		this.store = new YjsStore(ctx.db.$client, ctx.now);
		this.writes = new WriteBehind(this.store, (docs, e) => this.storeFailed(docs, e));
		this.facts = docFactsReader(ctx.db.$client, ctx.now);
		const owners = boardOwnersReader(ctx.db.$client);
		this.board = {
			open: (ref) => this.open(formatDocName(ref), ref),
			release: (live) => this.releaseIfUnused(live),
			send: (ws, bytes) => this.writes.send(ws, bytes),
			facts: this.facts,
			owners,
			watchers: new Set(),
			pinger: this.pinger
		};
	}

	/** Documents open in memory now: someone is scoring, taking notes or watching a board. */
	get openDocuments(): number {
		return this.docs.size;
	}

	readonly handleConnection = ({ ws, user, docName }: YjsConnection, req: IncomingMessage) => {
		const boardItem = parseBoardName(docName);
		if (boardItem) return openBoard(this.board, ws, user, boardItem);
		const ref = parseDocName(docName);
		if (!ref) return refuseYjs(ws, 'not-found', 'scoring.errors.notFound');
		const access = this.accessOf(ref, user.id);
		const refused = openRefusal(access);
		if (refused) return closeWith(ws, refused);
		const live = this.open(docName, ref);
		const wantsSaved = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').has('saved');
		const conn: DocConnection = {
			ws,
			user,
			live,
			access,
			wantsSaved,
			clientId: null,
			presence: presenceBucket(),
			alive: true,
			fragments: null
		};
		live.conns.add(conn);
		this.pinger.add(conn);
		this.track(ref.itemId, user.id, 1);
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(conn, data, isBinary));
		ws.on('close', () => this.onClose(conn));
		this.send(conn, syncStep1(live.doc));
		const states = live.awareness.encodeAll();
		if (states) this.send(conn, awarenessFrame(states));
		this.sendSaved(conn);
	};

	/** Users with an open Yjs connection to any document of the item. */
	connectedUsers(itemId: string): Set<string> {
		return this.presence.users(itemId);
	}

	/** Criteria ticked on a member's draft, when it is open on this server (else null). */
	answeredOnOpenCard(itemId: string, userId: string): number | null {
		const live = this.docs.get(cardDocName(itemId, userId));
		return live ? answeredOnCard(live.doc) : null;
	}

	/**
	 * A member's card as this server holds it: the copy in memory when the card is open, else
	 * the stored log. Submit reads this, never what the client says it ticked: what the member
	 * saw on their card is what counts.
	 */
	cardChoices(itemId: string, userId: string): Record<string, unknown> {
		const name = cardDocName(itemId, userId);
		const live = this.docs.get(name);
		if (live) return choicesOnCard(live.doc);
		const { doc } = this.loadDoc(name);
		try {
			return choicesOnCard(doc);
		} finally {
			doc.destroy();
		}
	}

	/**
	 * The person's seat on a council changed: each document they have open is decided again.
	 * One they may no longer open is closed (as at the door: 4403 or 4404), so nothing written
	 * to it afterwards reaches them; one they may still open keeps going with the new access
	 * (a member no longer voting reads their card). Board watchers are decided again too.
	 */
	recheckUser(userId: string): void {
		for (const live of this.docs.values())
			for (const conn of live.conns) {
				if (conn.user.id !== userId) continue;
				const access = this.accessOf(live.ref, userId);
				const refused = openRefusal(access);
				if (refused) closeWith(conn.ws, refused);
				else conn.access = access;
			}
		recheckWatchers(this.board, userId);
	}

	onPresenceChange(listener: PresenceListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.writes.flush();
		this.pinger.stop();
		for (const live of this.docs.values()) for (const c of live.conns) c.ws.close(CLOSE.goingAway);
		for (const w of this.board.watchers) w.ws.close(CLOSE.goingAway);
	}

	private accessOf(ref: DocRef, userId: string): DocAccess {
		return decideDocAccess(this.facts(ref, userId), ref, userId);
	}

	private open(name: string, ref: DocRef): LiveDoc {
		const existing = this.docs.get(name);
		if (existing) return existing;
		const { doc, log } = this.loadDoc(name);
		const live: LiveDoc = {
			name,
			ref,
			doc,
			// The sender too: y-websocket clients reconnect after 30 s without any message.
			awareness: new DocAwareness((update) => {
				const bytes = awarenessFrame(update);
				for (const c of live.conns) this.send(c, bytes);
			}),
			conns: new Set(),
			watchers: new Set(),
			owners: new Map(),
			bytes: log.bytes,
			rows: log.updates.length,
			writers: ref.kind === 'notes' ? this.store.writers(name) : null
		};
		if (live.rows > COMPACT_AFTER_ROWS) this.compact(live);
		this.docs.set(name, live);
		return live;
	}

	/** The document as its log holds it. */
	private loadDoc(name: string) {
		// A copy unloaded in this same turn may still have appends waiting: commit them first,
		// or this copy would load without them (and a compaction would then drop them).
		this.writes.flush();
		const doc = new Y.Doc();
		const log = this.store.load(name);
		if (log.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(log.updates));
		return { doc, log };
	}

	/**
	 * The copy in memory took part of an update Yjs then refused; nothing of it was stored or
	 * sent (see onSync). The copy is replaced by the log's, under the same connections: what
	 * every client has is still exactly what the log holds.
	 */
	private reload(live: LiveDoc): void {
		const { doc, log } = this.loadDoc(live.name);
		live.doc = doc;
		live.bytes = log.bytes;
		live.rows = log.updates.length;
		// Not destroyed: an awareness made on it is bound to it and would go with it; it is dropped.
	}

	/**
	 * An update the document took, as its sender sent it. Persist first, then fan out: a
	 * broadcast update is always on disk (see WriteBehind).
	 */
	private onUpdate(live: LiveDoc, update: Uint8Array, origin: DocConnection): void {
		// A shared document counts each writer's bytes, with the update, in the same commit.
		const { writers } = live;
		const author = writers ? origin.user.id : undefined;
		this.writes.append(live.name, update, author);
		if (writers && author) writers.set(author, (writers.get(author) ?? 0) + update.byteLength);
		live.bytes += update.byteLength;
		live.rows += 1;
		// A card's only writer is usually its sole connection: frame only for someone to send to.
		let bytes: Uint8Array | null = null;
		for (const c of live.conns) if (c !== origin) this.send(c, (bytes ??= syncUpdate(update)));
		fanOutToBoards(this.board, live, update);
		if (live.rows === COMPACT_AFTER_ROWS + 1) this.writes.afterCommit(() => this.compact(live));
	}

	private compact(live: LiveDoc): void {
		if (this.docs.get(live.name) !== live) return;
		const merged = Y.encodeStateAsUpdate(live.doc);
		this.store.compact(live.name, merged);
		live.bytes = merged.byteLength;
		live.rows = 1;
	}

	private onMessage(conn: DocConnection, data: Buffer, isBinary: boolean): void {
		releaseFragments(conn.ws, conn);
		if (conn.ws.readyState !== conn.ws.OPEN) return;
		if (!isBinary) return refuseYjs(conn.ws, 'bad-request', 'errors.badRequest');
		conn.access = this.accessOf(conn.live.ref, conn.user.id);
		if (conn.access === 'none' || conn.access === 'missing')
			return refuseYjs(conn.ws, 'forbidden', 'scoring.errors.forbidden');
		try {
			this.dispatch(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		} catch {
			refuseYjs(conn.ws, 'bad-request', 'errors.badRequest');
		}
	}

	private dispatch(conn: DocConnection, message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === MSG_SYNC) return this.onSync(conn, decoder);
		if (type === MSG_AWARENESS) return onPresence(conn, decoding.readVarUint8Array(decoder));
		if (type === MSG_QUERY_AWARENESS) {
			return this.send(
				conn,
				awarenessFrame(conn.live.awareness.encodeAll() ?? EMPTY_AWARENESS_UPDATE)
			);
		}
		if (type === MSG_AUTH) return;
		throw new Error('unknown message type');
	}

	private onSync(conn: DocConnection, decoder: decoding.Decoder): void {
		const sub = decoding.readVarUint(decoder);
		const { doc } = conn.live;
		if (sub === SYNC_STEP1) {
			const sv = decoding.readVarUint8Array(decoder);
			return this.send(conn, syncStep2(doc, sv));
		}
		if (sub !== SYNC_STEP2 && sub !== SYNC_UPDATE) throw new Error('unknown sync message');
		const update = decoding.readVarUint8Array(decoder);
		if (conn.access !== 'write') {
			if (isNoopUpdate(doc, update)) return;
			// Read again only on a refusal: says why, when it is the written round's window.
			const facts = this.facts(conn.live.ref, conn.user.id);
			if (facts?.outsideWindow && conn.live.ref.kind === 'card')
				return refuseYjs(conn.ws, 'forbidden', 'errors.writtenOutsideWindow', CLOSE.outsideWindow);
			return refuseYjs(conn.ws, 'forbidden', 'errors.liveReadOnly');
		}
		if (conn.live.bytes + update.byteLength > MAX_DOC_BYTES)
			return refuseYjs(conn.ws, 'bad-request', 'errors.liveDocumentTooLarge', CLOSE.tooLarge);
		if (conn.live.writers && this.overShare(conn, update.byteLength))
			return refuseYjs(conn.ws, 'bad-request', 'errors.liveNotesShareFull', CLOSE.notesShareFull);
		let took: boolean;
		try {
			took = applyUpdate(doc, update, conn);
		} catch {
			// Yjs integrates the structs it has read before it throws (an update cut short, or one
			// that decodes but cannot be integrated): the copy in memory is now wrong. Nothing of it
			// is stored or sent (that happens only once it has applied, below); the copy is reloaded
			// from the database under the same readers. (Decoding every update once more
			// beforehand cost 7% of the server's allocations.)
			refuseYjs(conn.ws, 'bad-request', 'errors.badRequest');
			this.reload(conn.live);
			return;
		}
		if (took) this.onUpdate(conn.live, update, conn);
		this.sendSaved(conn);
	}

	/** A member's writes into shared notes beyond their share (the chair and secretary have none). */
	private overShare(conn: DocConnection, bytes: number): boolean {
		const used = conn.live.writers?.get(conn.user.id) ?? 0;
		if (used + bytes <= NOTES_MEMBER_SHARE_BYTES) return false;
		const role = this.facts(conn.live.ref, conn.user.id)?.role;
		return !role || !readsAllCards(role);
	}

	private sendSaved(conn: DocConnection): void {
		if (!conn.wantsSaved) return;
		this.send(conn, savedFrame(conn.live.doc));
	}

	private onClose(conn: DocConnection): void {
		const { live } = conn;
		if (!live.conns.delete(conn)) return;
		this.pinger.remove(conn);
		this.track(live.ref.itemId, conn.user.id, -1);
		forgetPresence(conn);
		this.releaseIfUnused(live);
	}

	private releaseIfUnused(live: LiveDoc): void {
		if (live.conns.size === 0 && live.watchers.size === 0) this.unload(live);
	}

	private unload(live: LiveDoc): void {
		if (this.docs.get(live.name) !== live) return;
		this.docs.delete(live.name);
		live.awareness.destroy();
		live.doc.destroy();
	}

	/** Memory and disk disagree after a failed commit: drop those copies; clients reload. */
	private storeFailed(names: Set<string>, error: unknown): void {
		console.error('Yjs append failed', error);
		for (const name of names) {
			const live = this.docs.get(name);
			if (!live) continue;
			this.unload(live);
			for (const c of live.conns) c.ws.close(1011, 'storage error');
			for (const w of live.watchers) w.ws.close(1011, 'storage error');
		}
	}

	private track(itemId: string, userId: string, delta: number): void {
		if (this.presence.track(itemId, userId, delta)) this.notify(itemId, userId);
	}

	private notify(itemId: string, userId: string): void {
		for (const l of this.listeners) l(itemId, userId);
	}

	private send(conn: DocConnection, bytes: Uint8Array): void {
		this.writes.send(conn.ws, bytes);
	}
}
