import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/protocol/socket';
import { rooms } from '../src/lib/protocol/socket';
import type { SessionUser } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import { registerMeetingHandlers } from './meeting/handlers';
import { registerScoringHandlers } from './scoring/handlers';
import { checkUpgrade, originAllowed } from './upgrade-auth';
import { localeOf } from './meeting/context';
import { takeToken, type Bucket } from '../src/lib/domain/token-bucket';
import { translator } from '../src/lib/i18n';
import { CLIENT_COMMANDS } from '../src/lib/protocol/commands';

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
		limitCommands(socket);
		checkCommandShape(socket);
		registerMeetingHandlers(socket, deps);
		registerScoringHandlers(socket, deps);
	});
	return io;
}
