// Yjs clients for the integration tests (not a test file): real y-websocket providers in Node,
// and a raw ws client speaking y-protocols to send exactly the frames a test needs.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { asc, eq } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import type { YjsHub } from '../../server/yjs/hub';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import type { Db } from '../../src/lib/server/db/client';
import { yjsUpdates } from '../../src/lib/server/db/schema';

export function wsBase(httpUrl: string): string {
	return `${httpUrl.replace('http', 'ws')}/yjs`;
}

/** A y-websocket provider authenticated like a browser: Origin and the session cookie. */
export function provider(
	httpUrl: string,
	doc: string,
	cookie: string,
	ydoc = new Y.Doc(),
	options: { params?: Record<string, string>; maxBackoffTime?: number } = {}
) {
	const headers = { origin: httpUrl, cookie };
	class AuthedWs extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	const p = new WebsocketProvider(wsBase(httpUrl), doc, ydoc, {
		WebSocketPolyfill: AuthedWs as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		...options
	});
	return { provider: p, doc: ydoc };
}

export function synced(p: WebsocketProvider): Promise<void> {
	return p.synced ? Promise.resolve() : new Promise((resolve) => p.once('sync', () => resolve()));
}

export function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
	return new Promise((resolve, reject) => {
		const deadline = Date.now() + timeoutMs;
		const tick = () => {
			if (check()) return resolve();
			if (Date.now() > deadline) return reject(new Error('condition not met in time'));
			setTimeout(tick, 20);
		};
		tick();
	});
}

export interface RawClient {
	ws: WebSocket;
	/** Resolves with the close code. */
	closed: Promise<number>;
	/** Resolves once the server's sync step 1 arrived (the connection was accepted). */
	ready: Promise<void>;
	send(bytes: Uint8Array): void;
}

export function rawClient(httpUrl: string, doc: string, cookie: string): RawClient {
	const ws = new WebSocket(`${wsBase(httpUrl)}/${doc}`, { headers: { origin: httpUrl, cookie } });
	ws.on('error', () => undefined);
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	const ready = new Promise<void>((resolve, reject) => {
		ws.on('message', (data: Buffer) => {
			const d = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 0) resolve();
		});
		void closed.then((code) => reject(new Error(`closed ${code}`)));
	});
	ready.catch(() => undefined);
	return { ws, closed, ready, send: (bytes) => ws.send(bytes) };
}

export function syncUpdateFrame(update: Uint8Array, sub = 2): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, sub);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

/** An update that sets one choice on a card, made by a stranger's doc. */
export function choiceUpdate(code: string, value: number): Uint8Array {
	const d = new Y.Doc();
	d.getMap('choices').set(code, value);
	return Y.encodeStateAsUpdate(d);
}

/** The document as the server stored it: the log merged, read straight from SQLite. */
export function storedDoc(db: Db, name: string): Y.Doc {
	const doc = new Y.Doc();
	const rows = db
		.select()
		.from(yjsUpdates)
		.where(eq(yjsUpdates.doc, name))
		.orderBy(asc(yjsUpdates.id))
		.all();
	for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update));
	return doc;
}

/**
 * Ticks a member's card as their browser does (over /yjs/, as that member), then resolves once
 * the server holds exactly `choices` for it: what a submit then records. Resolves 'refused' when
 * the server will not let this person write the card (not theirs, or the item is not scoring).
 */
export async function tickCard(
	server: { url: string; realtime: { hub: YjsHub } },
	card: { itemId: string; userId: string; cookie: string },
	choices: Record<string, number>
): Promise<'held' | 'refused'> {
	const { itemId, userId, cookie } = card;
	const { provider: p, doc } = provider(server.url, cardDocName(itemId, userId), cookie);
	let refused = false;
	p.on('connection-close', () => (refused = true));
	try {
		await Promise.race([synced(p), until(() => refused)]);
		if (refused) return 'refused';
		const map = doc.getMap<number>('choices');
		doc.transact(() => {
			for (const code of [...map.keys()]) if (!(code in choices)) map.delete(code);
			for (const [code, option] of Object.entries(choices)) map.set(code, option);
		});
		const held = () => isDeepStrictEqual(server.realtime.hub.cardChoices(itemId, userId), choices);
		await until(() => refused || held());
		return refused ? 'refused' : 'held';
	} finally {
		p.destroy();
	}
}
