import type { Server as HttpServer } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import type { LiveEffects } from '../src/lib/server/live-effects';
import { LiveSessions } from './live-sessions';
import { LiveSitting } from './live-sitting';
import { registerMeetingHandlers } from './meeting/handlers';
import { livekitWebhookRoute, type WebhookRoute } from './meeting/webhook-route';
import { RouteEffects } from './route-effects';
import { registerScoringHandlers } from './scoring/handlers';
import { attachSocketIo, serveCommands } from './socket';
import { attachYjsEndpoint } from './yjs/endpoint';
import { YjsHub } from './yjs/hub';

export interface Realtime {
	/** Open live connections by session (the sweep is run by a timer; tests call it). */
	live: LiveSessions;
	/** Presence, broadcasts, the chair's board and the video room of the live sittings. */
	sitting: LiveSitting;
	/** The Yjs documents in memory and their log. */
	hub: YjsHub;
	/** What SvelteKit's form actions announce; handed to SvelteKit with each request. */
	effects: LiveEffects;
	/** POST /livekit/webhook; false for any other request. */
	webhook: WebhookRoute;
	close(): Promise<void>;
}

/**
 * The composition root of the realtime server, as Hocuspocus's Server.ts is for its own: every
 * live part is built here, once, and handed to the parts that use it. Nothing finds another
 * part through module state. It attaches to one http server: production's (app-server.ts) or
 * Vite's in development (dev-plugin.js).
 *
 *   LiveSessions  every open connection by session; closes them when a session ends
 *   YjsHub        the Yjs documents (drafts, notes, the board stream) and their SQLite log
 *   socket.io     meeting and scoring commands
 *   LiveSitting   presence, broadcasts, the board feed and video actions, over io and the hub
 *   handlers      per socket, given the LiveSitting
 *   webhook       LiveKit's attendance, given the same LiveSitting (so it can broadcast before
 *                 any socket has connected)
 *   RouteEffects  form actions' changes, to LiveSessions and LiveSitting; the board's live
 *                 facts, for the board page
 */
export function attachRealtime(http: HttpServer, ctx: AppContext): Realtime {
	// A session that ends takes its person out of the video room too (their token outlives it).
	const live = new LiveSessions(ctx, (userId) => void sitting.leaveVideoWithoutSession(userId));
	const hub = new YjsHub(ctx);
	const io = attachSocketIo(http, ctx, live);
	const sitting = new LiveSitting({ ctx, io, hub });
	serveCommands(io, live, (socket) => {
		registerMeetingHandlers(socket, sitting);
		registerScoringHandlers(socket, sitting);
	});
	const effects = new RouteEffects(
		[live, sitting],
		(sittingId, itemId) => sitting.board.liveFacts(sittingId, itemId),
		(sittingId) => [...sitting.presentMembers(sittingId)]
	);
	const wss = attachYjsEndpoint(http, ctx, live, hub.handleConnection);
	return {
		live,
		sitting,
		hub,
		effects,
		webhook: livekitWebhookRoute(sitting),
		async close() {
			live.close();
			sitting.close(); // before the sockets' disconnects, which would schedule attendance
			hub.close(); // commits pending Yjs appends before the database is closed
			for (const ws of wss.clients) ws.close(1001, 'server shutting down');
			wss.close();
			await io.close();
		}
	};
}
