/**
 * In development the realtime endpoints (socket.io, Yjs) and the LiveKit webhook attach to
 * Vite's own http server, so `npm run dev` serves the same single port as production.
 * @returns {import('vite').Plugin}
 */
export function realtimeDevPlugin() {
	return {
		name: 'ocop-realtime',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const { appContext } = await server.ssrLoadModule('/src/lib/server/context.ts');
			const { attachRealtime } = await server.ssrLoadModule('/server/realtime.ts');
			const { livekitWebhookRoute } = await server.ssrLoadModule(
				'/server/meeting/webhook-route.ts'
			);
			const ctx = appContext();
			attachRealtime(server.httpServer, { ctx, dev: true });
			server.middlewares.use((req, res, next) => {
				if (!livekitWebhookRoute(ctx, req, res)) next();
			});
		}
	};
}
