import type { IncomingMessage } from 'node:http';
import { localRenderPool, signedRenderer, type PdfRenderer } from './documents/render-pool';
import { noLiveEffects, type LiveEffects } from './live-effects';
import { PublicPageCache } from './public-cache';

/**
 * What the process that serves SvelteKit hands to it: the realtime server's side of form
 * actions, and the pool of PDF render workers. SvelteKit's bundle holds its own copy of every module (ARCHITECTURE.md), so nothing
 * is shared through module state or `globalThis`: the entry point puts the services on each
 * Node request it passes to the handler (server/app-server.ts), adapter-node gives that request
 * to the app as `event.platform.req`, and hooks.server.ts moves them to `event.locals`.
 */
export interface AppServices {
	live: LiveEffects;
	pdf: PdfRenderer;
	/** Filled by the app's hook, read by the entry point before SvelteKit (public-cache.ts). */
	publicPages: PublicPageCache;
	/**
	 * The entry point checkpoints SQLite's log on a thread of its own (server/checkpointer.ts):
	 * this bundle's connection must then not checkpoint inside its commits on the event loop.
	 */
	walCheckpointer: boolean;
}

/** The property of the Node request that carries the services. */
export const SERVICES_KEY = 'ocopServices';

export type RequestWithServices = IncomingMessage & { [SERVICES_KEY]?: AppServices };

export function handOver(req: IncomingMessage, services: AppServices): void {
	(req as RequestWithServices)[SERVICES_KEY] = services;
}

let standalone: AppServices | null = null;
let developmentLive: LiveEffects | null = null;

/**
 * Under `vite dev` the dev plugin and SvelteKit share one module graph: the plugin gives the
 * realtime server's effects here once, so form actions announce their changes in dev as well.
 */
export function useDevelopmentLiveEffects(live: LiveEffects): void {
	developmentLive = live;
	if (standalone) standalone = { ...standalone, live };
}

/**
 * The services of one request. Under `vite dev` nothing hands any over (Vite gives SvelteKit no
 * adapter platform): the dev plugin's realtime effects (above) or none, and the first document
 * made starts a pool of this bundle's own, kept for the process.
 */
export function servicesOf(platform: { req?: IncomingMessage } | undefined): AppServices {
	const req = platform?.req as RequestWithServices | undefined;
	const handed = req?.[SERVICES_KEY];
	if (handed) return handed;
	standalone ??= {
		live: developmentLive ?? noLiveEffects,
		pdf: signedRenderer(localRenderPool()),
		publicPages: new PublicPageCache(),
		// Nothing checkpoints for this bundle: its connection does, as SQLite does by default.
		walCheckpointer: false
	};
	return standalone;
}
