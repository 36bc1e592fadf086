import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppContext } from '../src/lib/server/context';
import type { SessionUser } from '../src/lib/server/auth/session';
import { checkUpgrade, originAllowed } from './upgrade-auth';

export interface SocketData {
	user: SessionUser;
	sessionId: string;
}

/** socket.io for meeting control, on the app's own port under /socket.io/. */
export function attachSocketIo(http: HttpServer, ctx: AppContext): Server {
	const io = new Server<
		Record<string, never>,
		Record<string, never>,
		Record<string, never>,
		SocketData
	>(http, {
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
	return io;
}
