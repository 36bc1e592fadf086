import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import { handOver } from '../src/lib/server/app-services';
import type { PdfRenderer } from '../src/lib/server/documents/render-pool';
import { attachRealtime, type Realtime } from './realtime';
import { CLIENT_ADDRESS_HEADER, clientAddress } from './client-address';
import { PublicPageCache } from '../src/lib/server/public-cache';
import { servePublicPage } from './public-pages';
import { serveDocument } from './document-downloads';
import { crossSiteFormGuard } from './form-origin';
import { refuseLargeForm } from './form-body-limit';
import { startPublicWarmer } from './public-warm';
import { applySecurityHeaders } from '../src/lib/server/security-headers';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface AppServer {
	http: Server;
	realtime: Realtime;
	url: string;
	close(): Promise<void>;
}

const startedAt = Date.now();

function health(ctx: AppContext, res: ServerResponse): void {
	let database = 'ok';
	try {
		ctx.db.$client.prepare('select 1').get();
	} catch {
		database = 'error';
	}
	// The headers every answer carries (nosniff above all, for a JSON body), as the pages'.
	const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
	applySecurityHeaders(headers, { livekitUrl: null, dev: ctx.config.dev, signedIn: false });
	res.writeHead(database === 'ok' ? 200 : 503, Object.fromEntries(headers));
	res.end(
		JSON.stringify({
			status: database === 'ok' ? 'ok' : 'degraded',
			database,
			uptimeS: Math.round((Date.now() - startedAt) / 1000)
		})
	);
}

/**
 * A route may answer without reading the body (a refusal, a redirect to the login page), and
 * SvelteKit's body stream has then paused the request with the rest of the body unread: the
 * client's next request on that kept-alive connection would wait until the connection times
 * out. Once the answer is sent, the rest of the body is read and discarded instead.
 */
function drainUnread(req: IncomingMessage): void {
	if (req.complete) return;
	req.removeAllListeners('data');
	req.resume();
}

/**
 * The security headers every answer carries, set on the response before any handler writes:
 * the static files and SvelteKit's plain 404 for a missing `/_app/` file never pass the hook
 * that sets them on pages. A page's own headers (its CSP, its cache rule) take precedence, as
 * writeHead's over setHeader's.
 */
function baselineHeaders(ctx: AppContext): [string, string][] {
	const headers = new Headers();
	applySecurityHeaders(headers, { livekitUrl: null, dev: ctx.config.dev, signedIn: false });
	return [...headers];
}

/** The built SvelteKit app, and the render pool the entry point made for its documents. */
export interface SvelteKitApp {
	handler: Handler;
	pdf: PdfRenderer;
	/** This process runs WAL checkpoints on a thread of its own (server/checkpointer.ts). */
	walCheckpointer?: boolean;
}

/** Where this process reaches itself: loopback when it listens on every address. */
function selfUrl(address: ReturnType<Server['address']>, port: number | undefined): string {
	const host = typeof address === 'object' && address ? address.address : '127.0.0.1';
	if (host === '0.0.0.0' || host === '::') return `http://127.0.0.1:${port}`;
	return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/**
 * One http server for everything: /healthz, the realtime endpoints, and SvelteKit's handler
 * for the rest. `app` is optional so integration tests can run without a build.
 */
export async function startAppServer(
	ctx: AppContext,
	options: { app?: SvelteKitApp; port?: number; host?: string } = {}
): Promise<AppServer> {
	const app = options.app;
	// Filled by the app's hook; pages in it are answered here, before SvelteKit.
	const publicPages = new PublicPageCache();
	const refuseCrossSiteForm = crossSiteFormGuard(ctx);
	const ownOrigin = new URL(ctx.config.origin).origin;
	const baseline = baselineHeaders(ctx);
	const http = createServer((req, res) => {
		if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) return health(ctx, res);
		if (realtime.webhook(req, res)) return;
		if (app) {
			for (const [name, value] of baseline) res.setHeader(name, value);
			if (refuseCrossSiteForm(req, res)) {
				res.once('finish', () => drainUnread(req));
				return;
			}
			if (refuseLargeForm(req, res, ctx, ownOrigin)) return;
			if (servePublicPage(req, res, ctx, publicPages)) return;
			const toSvelteKit = () => {
				handOver(req, {
					live: realtime.effects,
					pdf: app.pdf,
					publicPages,
					walCheckpointer: app.walCheckpointer ?? false
				});
				// What SvelteKit's getClientAddress answers (main.ts routes it to this header).
				req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, ctx.config.trustProxy);
				res.once('finish', () => drainUnread(req));
				app.handler(req, res, () => {
					res.writeHead(404).end();
				});
			};
			const download = serveDocument(req, res, ctx, app.pdf);
			if (download) {
				void download.then((answered) => answered || toSvelteKit());
				return;
			}
			return toSvelteKit();
		}
		res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
	});
	// A slow client must not hold a socket forever.
	http.headersTimeout = 20_000;
	http.requestTimeout = 120_000;
	// Built before the server listens: the request listener above uses it from the first request.
	const realtime = attachRealtime(http, ctx);
	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(options.port ?? ctx.config.port, options.host ?? ctx.config.host, () => resolve());
	});
	const address = http.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const warmer =
		app && ctx.config.publicWarmPages > 0
			? startPublicWarmer(ctx, publicPages, selfUrl(address, port))
			: null;
	return {
		http,
		realtime,
		url: `http://127.0.0.1:${port}`,
		async close() {
			warmer?.stop();
			await realtime.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}
