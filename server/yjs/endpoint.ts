import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { takeToken, type Bucket } from '../../src/lib/domain/token-bucket';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { AppContext } from '../../src/lib/server/context';
import { refuseYjs } from '../../src/lib/server/refusal';
import { clientAddress } from '../client-address';
import type { LiveHandle, LiveSessions } from '../live-sessions';
import { checkUpgrade } from '../upgrade-auth';

export const YJS_PREFIX = '/yjs/';
/** y-websocket messages are small (a tick is tens of bytes); anything near this is abuse. */
export const YJS_MAX_MESSAGE = 256 * 1024;
/**
 * Messages per connection, every kind counted (updates, awareness, sync). A client sends one
 * update per tick or per input event: a fast typist makes about 15 a second, a held key 30 to
 * 35, awareness a few; the burst covers a reconnect and the tests' tight loops.
 */
export const YJS_MESSAGE_BURST = 600;
export const YJS_MESSAGES_PER_SECOND = 100;

export interface YjsConnection {
	ws: WebSocket;
	user: SessionUser;
	docName: string;
}

/** Decides what happens to an authenticated connection to one document. */
export type YjsConnectionHandler = (conn: YjsConnection, req: IncomingMessage) => void;

function reject(socket: Duplex, status: number, text: string): void {
	socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
	socket.destroy();
}

/**
 * The Yjs sync endpoint on the app's port: `/yjs/<document name>`. The upgrade is refused
 * without a session (401) or from a foreign origin (403); what the session may do with the
 * named document is the handler's decision.
 */
export function attachYjsEndpoint(
	http: HttpServer,
	ctx: AppContext,
	live: LiveSessions,
	onConnection: YjsConnectionHandler
): WebSocketServer {
	const wss = new WebSocketServer({ noServer: true, maxPayload: YJS_MAX_MESSAGE });
	http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const path = (req.url ?? '').split('?')[0];
		if (!path.startsWith(YJS_PREFIX)) return; // socket.io and Vite's HMR handle their own.
		const check = checkUpgrade(req, ctx);
		if (!check.ok)
			return reject(socket, check.status, check.status === 401 ? 'Unauthorized' : 'Forbidden');
		let docName: string;
		try {
			docName = decodeURIComponent(path.slice(YJS_PREFIX.length));
		} catch {
			return reject(socket, 400, 'Bad Request');
		}
		const address = clientAddress(req, ctx.config.trustProxy);
		// ws calls back in this same turn, so the session checked above is the one admitted.
		wss.handleUpgrade(req, socket, head, (ws) => {
			ws.on('error', () => ws.terminate());
			const admission = live.admit(check.session, address, () =>
				refuseYjs(ws, 'unauthorized', 'errors.liveSessionEnded')
			);
			// Accepted, then closed: a browser sees a close code, never an upgrade's status.
			if (!admission.ok)
				return refuseYjs(ws, 'rate-limited', admission.key, CLOSE.tooManyConnections);
			ws.once('close', () => live.release(admission.handle));
			limitMessages(ws, live, admission.handle);
			onConnection({ ws, user: check.user, docName }, req);
		});
	});
	return wss;
}

/**
 * Closes a connection whose session has ended, or that sends faster than its bucket refills.
 * The listener is registered before the handler's, so the message that is refused already sees
 * the socket CLOSING, and handlers drop anything that arrives on a socket that is not OPEN.
 */
function limitMessages(ws: WebSocket, live: LiveSessions, handle: LiveHandle): void {
	const bucket: Bucket = { tokens: YJS_MESSAGE_BURST, at: Date.now() };
	ws.on('message', () => {
		if (ws.readyState !== ws.OPEN) return;
		if (!live.isLive(handle)) return refuseYjs(ws, 'unauthorized', 'errors.liveSessionEnded');
		if (!takeToken(bucket, Date.now(), YJS_MESSAGE_BURST, YJS_MESSAGES_PER_SECOND))
			refuseYjs(ws, 'rate-limited', 'errors.liveRateLimited');
	});
}

/** The handler used until a document kind is registered: every name is unknown. */
export const unknownDocument: YjsConnectionHandler = ({ ws }) =>
	refuseYjs(ws, 'not-found', 'scoring.errors.notFound');
