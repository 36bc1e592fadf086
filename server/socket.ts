import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { rooms } from '../src/lib/protocol/socket';
import type { AppContext } from '../src/lib/server/context';
import { checkUpgrade, originAllowed } from './upgrade-auth';
import { localeOf } from './meeting/context';
import { takeToken, type Bucket } from '../src/lib/domain/token-bucket';
import { translator } from '../src/lib/i18n';
import { CLIENT_COMMANDS } from '../src/lib/protocol/commands';
import { clientAddress } from './client-address';
import type { LiveSessions } from './live-sessions';
import type { AppIo, AppSocket } from './realtime-types';

/**
 * A person sends a few commands a second; generous limits still cut a flood of thousands a
 * second down to a trickle, answered with a clear refusal instead of being served.
 */
export const COMMAND_BURST = 120;
export const COMMANDS_PER_SECOND = 40;

function limitCommands(socket: AppSocket): void {
	const bucket: Bucket = { tokens: COMMAND_BURST, at: Date.now() };
	socket.use((packet, next) => {
		if (takeToken(bucket, Date.now(), COMMAND_BURST, COMMANDS_PER_SECOND)) return next();
		const ack = packet[packet.length - 1];
		if (typeof ack === 'function') {
			const message = translator(localeOf(socket))('errors.rateLimited');
			ack({ ok: false, error: { code: 'rate-limited', message } });
		}
	});
}

/**
 * Runs first on every command: a command on a connection whose session has ended (or expired)
 * is refused and the connection closed, even if it arrived before the close reached the client.
 */
function requireLiveSession(socket: AppSocket, live: LiveSessions): void {
	socket.use((packet, next) => {
		if (live.isLive(socket.data.live)) return next();
		const ack = packet[packet.length - 1];
		if (typeof ack === 'function') {
			const message = translator(localeOf(socket))('errors.liveSessionEnded');
			ack({ ok: false, error: { code: 'unauthorized', message } });
		}
		socket.disconnect(true);
	});
}

const COMMANDS: ReadonlySet<string> = new Set(CLIENT_COMMANDS);

/**
 * Every command is `[name, payload, ack]` (or `[name, payload]` when the caller wants no
 * answer). Anything else — an unknown name, a missing payload, extra arguments — would reach
 * no handler, or reach one with the ack in the wrong place, and the caller would wait forever:
 * refuse it, with a bad-request ack when there is an ack to answer.
 */
function checkCommandShape(socket: AppSocket): void {
	socket.use((packet, next) => {
		const [name, ...args] = packet;
		const ack = args.at(-1);
		const payloads = typeof ack === 'function' ? args.length - 1 : args.length;
		if (COMMANDS.has(name) && payloads === 1) return next();
		if (typeof ack === 'function') {
			const message = translator(localeOf(socket))('errors.badRequest');
			ack({ ok: false, error: { code: 'bad-request', message } });
		}
	});
}

/**
 * socket.io for meeting control, on the app's own port under /socket.io/: each connection is
 * authenticated and counted against its session and address before it is accepted. It serves
 * no command until serveCommands is called.
 */
export function attachSocketIo(http: HttpServer, ctx: AppContext, live: LiveSessions): AppIo {
	const io: AppIo = new Server(http, {
		path: '/socket.io/',
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		allowRequest: (req, callback) => callback(null, originAllowed(req, ctx.config.origin))
	});
	io.use((socket, next) => {
		const check = checkUpgrade(socket.request, ctx);
		if (!check.ok) return next(new Error(check.status === 401 ? 'unauthorized' : 'forbidden'));
		const address = clientAddress(socket.request, ctx.config.trustProxy);
		const admission = live.admit(check.session, address, () => socket.disconnect(true));
		if (!admission.ok) {
			// The client reads `data.message` from its connect_error (vi or en, by its cookie).
			const refusal = new Error('too-many-connections') as Error & { data?: unknown };
			const message = translator(localeOf(socket))('errors.liveTooManyConnections');
			refusal.data = { code: 'too-many-connections', limit: admission.limit, message };
			return next(refusal);
		}
		const release = () => live.release(admission.handle);
		// The engine connection closes however the socket ends, even before 'connection' fires.
		socket.conn.once('close', release);
		socket.once('disconnect', release);
		socket.data.user = check.user;
		socket.data.sessionId = check.session.id;
		socket.data.live = admission.handle;
		next();
	});
	return io;
}

/**
 * Every accepted connection joins its person's room and is guarded (live session, rate, command
 * shape) before `register` gives it its command handlers.
 */
export function serveCommands(
	io: AppIo,
	live: LiveSessions,
	register: (socket: AppSocket) => void
): void {
	io.on('connection', (socket) => {
		void socket.join(rooms.user(socket.data.user.id));
		requireLiveSession(socket, live);
		limitCommands(socket);
		checkCommandShape(socket);
		register(socket);
	});
}
