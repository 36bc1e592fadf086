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
}

/** The property of the Node request that carries the services. */
export const SERVICES_KEY = 'ocopServices';

export type RequestWithServices = IncomingMessage & { [SERVICES_KEY]?: AppServices };

export function handOver(req: IncomingMessage, services: AppServices): void {
	(req as RequestWithServices)[SERVICES_KEY] = services;
}

let standalone: AppServices | null = null;

/**
 * The services of one request. Under `vite dev` nothing hands any over (Vite gives SvelteKit no
 * adapter platform): there is no realtime server to tell, the database is the truth, and the
 * first document made starts a pool of this bundle's own, kept for the process.
 */
export function servicesOf(platform: { req?: IncomingMessage } | undefined): AppServices {
	const req = platform?.req as RequestWithServices | undefined;
	const handed = req?.[SERVICES_KEY];
	if (handed) return handed;
	standalone ??= {
		live: noLiveEffects,
		pdf: signedRenderer(localRenderPool()),
		publicPages: new PublicPageCache()
	};
	return standalone;
}
