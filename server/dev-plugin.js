/**
 * In development the realtime endpoints (socket.io, Yjs) and the LiveKit webhook attach to
 * Vite's own http server, so `npm run dev` serves the same single port as production. Vite's
 * dev server gives SvelteKit no adapter platform, so form actions there announce their changes
 * to nobody (app-services.ts): a client that joins again reads them from the database.
 * @returns {import('vite').Plugin}
 */
export function realtimeDevPlugin() {
	return {
		name: 'ocop-realtime',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const { appContext } = await server.ssrLoadModule('/src/lib/server/context.ts');
			const { attachRealtime } = await server.ssrLoadModule('/server/realtime.ts');
			const realtime = attachRealtime(server.httpServer, appContext());
			server.middlewares.use((req, res, next) => {
				if (!realtime.webhook(req, res)) next();
			});
		}
	};
}
