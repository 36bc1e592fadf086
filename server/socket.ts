import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/protocol/socket';
import { rooms } from '../src/lib/protocol/socket';
import type { SessionUser } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import { registerMeetingHandlers } from './meeting/handlers';
import { registerScoringHandlers } from './scoring/handlers';
import { checkUpgrade, originAllowed } from './upgrade-auth';

export interface SocketData {
	user: SessionUser;
	sessionId: string;
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

/** What every area's socket handlers get: the context and the io server to broadcast with. */
export interface RealtimeDeps {
	ctx: AppContext;
	io: AppIo;
}

/** socket.io for meeting control, on the app's own port under /socket.io/. */
export function attachSocketIo(http: HttpServer, ctx: AppContext): AppIo {
	const io: AppIo = new Server(http, {
		path: '/socket.io/',
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, callback) => callback(null, originAllowed(req, ctx.config.origin))
	});
	io.use((socket, next) => {
		const check = checkUpgrade(socket.request, ctx);
		if (!check.ok) return next(new Error(check.status === 401 ? 'unauthorized' : 'forbidden'));
		socket.data.user = check.user;
		socket.data.sessionId = check.sessionId;
		next();
	});
	const deps: RealtimeDeps = { ctx, io };
	io.on('connection', (socket) => {
		void socket.join(rooms.user(socket.data.user.id));
		registerMeetingHandlers(socket, deps);
		registerScoringHandlers(socket, deps);
	});
	return io;
}
