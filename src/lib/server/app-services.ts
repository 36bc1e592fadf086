import type { IncomingMessage } from 'node:http';
import { noLiveEffects, type LiveEffects } from './live-effects';

/**
 * What the process that serves SvelteKit hands to it: the realtime server's side of form
 * actions. SvelteKit's bundle holds its own copy of every module (ARCHITECTURE.md), so nothing
 * is shared through module state or `globalThis`: the entry point puts the services on each
 * Node request it passes to the handler (server/app-server.ts), adapter-node gives that request
 * to the app as `event.platform.req`, and hooks.server.ts moves them to `event.locals`.
 */
export interface AppServices {
	live: LiveEffects;
}

/** The property of the Node request that carries the services. */
export const SERVICES_KEY = 'ocopServices';

export type RequestWithServices = IncomingMessage & { [SERVICES_KEY]?: AppServices };

export function handOver(req: IncomingMessage, services: AppServices): void {
	(req as RequestWithServices)[SERVICES_KEY] = services;
}

/**
 * The services of one request. Under `vite dev` (no adapter-node platform) and in the command
 * line tools there is no realtime server to tell: nothing live happens, the database is the truth.
 */
export function servicesOf(platform: { req?: IncomingMessage } | undefined): AppServices {
	const req = platform?.req as RequestWithServices | undefined;
	return req?.[SERVICES_KEY] ?? { live: noLiveEffects };
}
