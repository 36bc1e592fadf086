// The types the realtime server's parts share, in one module that imports only types: a part
// that needs another's shape reads it here instead of importing that part (which is how the
// socket, meeting and scoring files used to form one loop of ten files through socket.ts).
import type { Server, Socket } from 'socket.io';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Bucket } from '../src/lib/domain/token-bucket';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/protocol/socket';
import type { DocRef } from '../src/lib/protocol/yjs-docs';
import type { SessionUser } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import type { DocAccess } from '../src/lib/server/scoring/doc-access';
import type { LiveHandle } from './live-sessions';
import type { DocAwareness } from './yjs/doc-awareness';

export interface SocketData {
	user: SessionUser;
	sessionId: string;
	/** This connection in the live-session registry: closed when its session ends. */
	live: LiveHandle;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};
export type AppIo = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
export type AppSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;

/** The two things every broadcast needs: the database (through the context) and the io server. */
export interface SittingChannel {
	ctx: AppContext;
	io: AppIo;
}

/** One Yjs connection to one document. */
export interface DocConnection {
	ws: WebSocket;
	user: SessionUser;
	live: LiveDoc;
	access: DocAccess;
	wantsSaved: boolean;
	/** The one awareness client id this connection publishes (the first it used), if any. */
	clientId: number | null;
	/** Its presence changes (see yjs/presence.ts). */
	presence: Bucket;
	alive: boolean;
	/** Its receiver's last message array, emptied after the next (yjs/receiver-arrays.ts). */
	fragments: unknown[] | null;
}

/** A `board/<itemId>` connection: every document of the item, read-only (yjs/board.ts). */
export interface BoardWatcher {
	ws: WebSocket;
	user: SessionUser;
	itemId: string;
	docs: LiveDoc[];
	checkedAt: number;
	alive: boolean;
}

/** A Yjs document in memory while someone has it open (yjs/hub.ts). */
export interface LiveDoc {
	name: string;
	ref: DocRef;
	doc: Y.Doc;
	awareness: DocAwareness;
	conns: Set<DocConnection>;
	/** Board connections that follow this document (see yjs/board.ts). */
	watchers: Set<BoardWatcher>;
	owners: Map<number, DocConnection>;
	bytes: number;
	rows: number;
	/** A shared document's bytes written by each person (yjs_writer_bytes); null for a card. */
	writers: Map<string, number> | null;
}

/**
 * Called when a user opens their first or closes their last document of an item. (Not when a
 * draft changes: a draft's ticks reach those who may see them over Yjs, the board stream.)
 */
export type PresenceListener = (itemId: string, userId: string) => void;
