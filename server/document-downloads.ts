import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import {
	SESSION_COOKIE,
	readCookie,
	sessionCookieAttributes,
	validateSessionToken
} from '../src/lib/server/auth/session';
import { accessFor } from '../src/lib/server/access';
import { documentOf } from '../src/lib/server/documents';
import { downloadFor, type DownloadAddress } from '../src/lib/server/documents/downloads';
import type { PdfRenderer } from '../src/lib/server/documents/render-pool';
import { applySecurityHeaders } from '../src/lib/server/security-headers';

/** Canonical spellings only; anything else (encoded, dotted, doubled, a query) goes to SvelteKit. */
const ADDRESS =
	/^\/documents\/(?:report\/([1-9]\d{0,9})|sheet\/([1-9]\d{0,9})\/([\w-]{1,100})|minutes\/([\w-]{1,100}))$/;

/** A session token as generateToken() makes it: 20 random bytes in lower-case base32. */
const TOKEN = /^[a-z2-7]{32}$/;

function addressOf(url: string): { path: string; address: DownloadAddress } | null {
	const m = ADDRESS.exec(url);
	if (!m) return null;
	const [, report, sheetSeq, member, sittingId] = m;
	if (report)
		return { path: '/documents/report', address: { kind: 'report', seq: Number(report) } };
	if (sheetSeq)
		return {
			path: '/documents/sheet',
			address: { kind: 'sheet', seq: Number(sheetSeq), member }
		};
	return { path: '/documents/minutes', address: { kind: 'minutes', sittingId } };
}

/**
 * Answers a signed-in reader's download of a council document (report, score sheet, minutes)
 * without entering SvelteKit, as the public pages are (public-pages.ts): while an office
 * downloads a round's documents during live sittings, SvelteKit's routing and hooks were most of
 * the event loop's share of each download, in one piece that live ticks waited behind. The
 * same checks in the same order: the session (sliding expiry, a disabled account), the area
 * (access.ts), the council's documents (downloads.ts, shared with the routes); the same
 * headers and the session cookie renewed as the hook renews it. A check that
 * src/hooks.server.ts comes to make of signed-in readers must be made here too.
 *
 * Returns null when the request is not one this answers (no await for everything else), else
 * whether it answered. When it did not (no or an ended session, no right to the document, a
 * document that does not exist, a busy or failed render), SvelteKit answers the request from
 * the start, with its own pages and messages; nothing has been written to the response then.
 */
export function serveDocument(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext,
	renderer: PdfRenderer
): Promise<boolean> | null {
	if (req.method !== 'GET' || !req.url?.startsWith('/documents/')) return null;
	try {
		return answer(req, res, ctx, renderer);
	} catch {
		// Whatever went wrong (the database busy past its timeout), SvelteKit answers it properly.
		return null;
	}
}

function answer(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext,
	renderer: PdfRenderer
): Promise<boolean> | null {
	const routed = addressOf(req.url!);
	// Read as SvelteKit reads it (the first, decoded); only a token as generateToken() spells it.
	const token = routed && readCookie(req.headers.cookie, SESSION_COOKIE);
	if (!routed || !token || !TOKEN.test(token)) return null;
	const found = validateSessionToken(ctx.db, token, ctx.sessionPolicy, ctx.now());
	if (!found) return null;
	const access = accessFor(routed.path, found.user.role);
	if (access !== 'allowed' && access !== 'public') return null;
	const download = downloadFor(ctx.db, found.user, routed.address);
	if (!download) return null;
	return documentOf(renderer, ctx.db, download.request).then(
		(pdf) => {
			if (!pdf || res.headersSent) return false;
			const headers = new Headers({
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${download.filename}"`,
				'cache-control': 'no-store'
			});
			applySecurityHeaders(headers, {
				livekitUrl: ctx.config.livekit?.url ?? null,
				dev: ctx.config.dev,
				signedIn: true
			});
			for (const [name, value] of headers) res.setHeader(name, value);
			res.setHeader('set-cookie', sessionCookie(token, found.session, !ctx.config.dev));
			res.setHeader('content-length', pdf.byteLength);
			res.writeHead(200);
			res.end(pdf);
			return true;
		},
		() => false
	);
}

/** The renewed session cookie, spelt as SvelteKit's cookies.set spells it. */
function sessionCookie(
	token: string,
	session: Parameters<typeof sessionCookieAttributes>[0],
	secure: boolean
): string {
	const a = sessionCookieAttributes(session, secure);
	return [
		`${SESSION_COOKIE}=${token}`,
		`Path=${a.path}`,
		`Expires=${a.expires.toUTCString()}`,
		'HttpOnly',
		...(a.secure ? ['Secure'] : []),
		'SameSite=Lax'
	].join('; ');
}
