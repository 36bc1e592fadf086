import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE, readCookie, validateSessionToken } from '../src/lib/server/auth/session';
import type { Session, SessionUser } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';

export type UpgradeCheck =
	| { ok: true; user: SessionUser; session: Session }
	| { ok: false; status: 401 | 403; reason: string };

/**
 * A browser always sends Origin on a WebSocket upgrade and on socket.io's requests. We accept
 * the configured public origin, or the origin that names the Host the request came to (the
 * same-origin case behind a proxy that keeps Host). Anything else is cross-site and refused.
 */
export function originAllowed(req: IncomingMessage, configured: string): boolean {
	const origin = req.headers.origin;
	if (!origin) return false;
	if (origin === configured) return true;
	const host = req.headers.host;
	return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

/** The same session validation as the SvelteKit hook, for socket.io and Yjs upgrades. */
export function checkUpgrade(req: IncomingMessage, ctx: AppContext): UpgradeCheck {
	if (!originAllowed(req, ctx.config.origin))
		return { ok: false, status: 403, reason: 'foreign origin' };
	const token = readCookie(req.headers.cookie, SESSION_COOKIE);
	const found = token ? validateSessionToken(ctx.db, token, ctx.sessionPolicy, ctx.now()) : null;
	if (!found) return { ok: false, status: 401, reason: 'no valid session' };
	return { ok: true, user: found.user, session: found.session };
}
