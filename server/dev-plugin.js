/**
 * In development the realtime endpoints (socket.io, Yjs) and the LiveKit webhook attach to
 * Vite's own http server, so `npm run dev` serves the same single port as production. Vite's
 * dev server gives SvelteKit no adapter platform to hand services over with (app-services.ts);
 * it shares this plugin's module graph instead, so the realtime server's effects are given to
 * the SvelteKit side here, and form actions announce their changes in dev as in production.
 * The background work (mail outbox, written rounds) starts here as server/main.ts starts it.
 * @returns {import('vite').Plugin}
 */
export function realtimeDevPlugin() {
	return {
		name: 'ocop-realtime',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const { appContext } = await server.ssrLoadModule('/src/lib/server/context.ts');
			const { startBackgroundWork } = await server.ssrLoadModule('/src/lib/server/background.ts');
			const { attachRealtime } = await server.ssrLoadModule('/server/realtime.ts');
			const ctx = appContext();
			const realtime = attachRealtime(server.httpServer, ctx);
			const background = startBackgroundWork(ctx);
			server.httpServer.once('close', () => {
				background.stop();
				void realtime.close();
			});
			server.middlewares.use(async (req, res, next) => {
				if (realtime.webhook(req, res)) return;
				try {
					// Given again with each request: an edit reloads app-services.ts, and its state.
					const services = await server.ssrLoadModule('/src/lib/server/app-services.ts');
					services.useDevelopmentLiveEffects(realtime.effects);
				} catch (e) {
					return next(e);
				}
				next();
			});
		}
	};
}
