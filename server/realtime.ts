import type { Server as HttpServer } from 'node:http';
import { appContext, type AppContext } from '../src/lib/server/context';
import { LiveSessions } from './live-sessions';
import { followRouteChanges } from './route-changes';
import { attachSocketIo } from './socket';
import { attachYjsEndpoint } from './yjs/endpoint';
import { yjsHub } from './yjs/hub';

export interface Realtime {
	/** Open live connections by session (the sweep is run by a timer; tests call it). */
	live: LiveSessions;
	close(): Promise<void>;
}

/**
 * Attaches every realtime endpoint to one http server: production's (server/main.ts) or Vite's
 * in development. The live meeting state lives here, once per process.
 */
export function attachRealtime(
	http: HttpServer,
	options: { ctx?: AppContext; dev?: boolean } = {}
): Realtime {
	const ctx = options.ctx ?? appContext();
	const live = new LiveSessions(ctx);
	const io = attachSocketIo(http, ctx, live);
	const stopFollowing = followRouteChanges({ ctx, io });
	const hub = yjsHub(ctx);
	const wss = attachYjsEndpoint(http, ctx, live, hub.handleConnection);
	return {
		live,
		async close() {
			stopFollowing();
			live.close();
			hub.close(); // commits pending Yjs appends before the database is closed
			for (const ws of wss.clients) ws.close(1001, 'server shutting down');
			wss.close();
			await io.close();
		}
	};
}
