// Cross-site form posts refused at the entry point, before SvelteKit: the rule of
// src/lib/server/form-origin.ts (which also runs as a hook), here so that no answer of SvelteKit's
// own comes first (a 308 to a respelled path is given before any hook runs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import { isCrossSiteForm } from '../src/lib/server/form-origin';
import { sendEntryRefusal } from './entry-refusal';

/**
 * The entry point's check, made once per server: it answers a form posted from another origin
 * with the app's 403 refusal and returns true; false for any other request.
 */
export function crossSiteFormGuard(ctx: AppContext) {
	const own = new URL(ctx.config.origin).origin;
	return (req: IncomingMessage, res: ServerResponse): boolean => refuse(req, res, ctx, own);
}

function refuse(req: IncomingMessage, res: ServerResponse, ctx: AppContext, own: string): boolean {
	if (!isCrossSiteForm(req.method ?? 'GET', req.headers['content-type'], req.headers.origin, own))
		return false;
	sendEntryRefusal(req, res, ctx, own, 403, 'errors.crossSiteForm');
	return true;
}
