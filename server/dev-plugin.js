/**
 * In development the realtime endpoints (socket.io, Yjs) attach to Vite's own http server,
 * so `npm run dev` serves the same single port as production.
 * @returns {import('vite').Plugin}
 */
export function realtimeDevPlugin() {
	return {
		name: 'ocop-realtime',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const { attachRealtime } = await server.ssrLoadModule('/server/realtime.ts');
			await attachRealtime(server.httpServer, { dev: true });
		}
	};
}
